/**
 * Growing one tree on binned data: the {@link dev.boreal.engine.tree.TreeLearner} (leaf-wise or depth-wise),
 * split search over gradient histograms ({@link dev.boreal.engine.tree.SplitFinder} and its gain arithmetic),
 * the partition of a leaf's rows between its children, feature sampling, and scoring rows by their bins
 * while training. Leaf histograms come from float or quantized gradients
 * ({@link dev.boreal.engine.tree.GradientQuantization}), the one choice behind {@code LeafHistograms}.
 */
package dev.boreal.engine.tree;
