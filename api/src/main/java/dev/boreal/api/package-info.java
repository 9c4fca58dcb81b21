/**
 * The Java API for services: {@link dev.boreal.api.Boreal} reads data, trains (gradient boosting, random
 * forests, MLPs through {@link dev.boreal.api.Trainer}), saves and loads models of Boreal's own format and
 * XGBoost's and LightGBM's; {@link dev.boreal.api.RowBatch} and {@link dev.boreal.api.ArrowFeatures} turn
 * named rows and Arrow record batches into the columns a model scores.
 */
package dev.boreal.api;
