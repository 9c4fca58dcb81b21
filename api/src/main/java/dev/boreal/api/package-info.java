/**
 * The Java API for services: {@link dev.boreal.api.Boreal} reads data (files, or columns and Arrow record
 * batches in memory), trains (gradient boosting, random forests, MLPs through {@link dev.boreal.api.Trainer}),
 * saves and loads models of every kind, of Boreal's own format and XGBoost's and LightGBM's;
 * {@link dev.boreal.api.RowBatch} and {@link dev.boreal.api.ArrowFeatures} turn named rows and Arrow record
 * batches into the columns a model scores.
 *
 * <p>A bad row, whichever way it comes, throws {@link dev.boreal.InputException} naming the feature (and the
 * row within a batch); Arrow needs the JVM option {@code --add-opens=java.base/java.nio=ALL-UNNAMED}, whose
 * absence the first Arrow call reports as a {@link dev.boreal.UsageException}.
 */
package dev.boreal.api;
