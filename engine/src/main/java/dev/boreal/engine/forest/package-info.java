/**
 * Random forests: independent trees on bootstrap samples with per-node feature sampling, averaged
 * ({@link dev.boreal.engine.forest.RandomForest}). Trees are grown depth-first (best-first under a leaf
 * cap) from one-feature histograms of each node's rows with class-weight or label-sum channels
 * ({@code NodeSplitter}), scored by Gini, entropy or squared error ({@link dev.boreal.engine.forest.Criterion});
 * out-of-bag predictions and scores come from {@link dev.boreal.engine.forest.OutOfBag}; a classification
 * tree's leaf class weights, from which its values and statistics follow exactly, from
 * {@link dev.boreal.engine.forest.LeafClassWeights}.
 */
package dev.boreal.engine.forest;
