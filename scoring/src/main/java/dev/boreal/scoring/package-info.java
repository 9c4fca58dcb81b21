/**
 * The scoring artifact, {@code dev.boreal:boreal-scoring}: the one dependency a service adds to load models
 * and score and explain rows, and nothing more. It holds no code of its own; it brings
 * {@link dev.boreal.api.Boreal} ({@code load} for Boreal model files, XGBoost JSON and LightGBM text models;
 * {@code rows} for {@code Map} rows as Arrow batches), the loaded model's
 * {@link dev.boreal.engine.model.Predictor} for {@code double[]} rows and Arrow batches, and
 * {@link dev.boreal.explain.RowExplainer} for TreeSHAP values and reason codes.
 *
 * <p>Its whole runtime classpath is checked on every build ({@code mvn -B verify}): at most 10 MB, no
 * native library and no Netty. Parquet input ({@code boreal-io-dataset}) is left out on purpose.
 */
package dev.boreal.scoring;
