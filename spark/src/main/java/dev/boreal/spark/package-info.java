/**
 * Boreal on Apache Spark: {@link dev.boreal.spark.BorealClassifier} and {@link dev.boreal.spark.BorealRegressor}
 * (Spark ML Estimators) and their Models. Training runs the engine's one tree learner on the driver over rows
 * that stay in the partitions: each partition bins its rows once and keeps them cached, computes its gradients and
 * its part of every leaf histogram, and Spark adds the parts up ({@code treeAggregate}); no sockets of our own and
 * no barrier mode. Models store the ordinary Boreal model file.
 */
package dev.boreal.spark;
