/**
 * Arrow columns into bins, and the gradient histograms built from bins.
 *
 * <ul>
 *   <li>{@link dev.boreal.histogram.FeatureColumn}: one Arrow column read as a numeric or categorical feature.
 *   <li>{@link dev.boreal.histogram.BinningParams}: the validated binning parameters, with LightGBM's names.
 *   <li>{@link dev.boreal.histogram.BinMapper}: how one feature's raw values map to bins (quantile bounds
 *       and a last missing bin, which may take zeros too, or frequent categories and a last "other/missing"
 *       bin, or an unknown bin and a missing bin); what a model stores.
 *   <li>{@link dev.boreal.histogram.BinnedData}: the data set as compact columns of bin codes, fitted or
 *       applied in parallel.
 *   <li>{@link dev.boreal.histogram.BinColumn} ({@link dev.boreal.histogram.ByteBinColumn},
 *       {@link dev.boreal.histogram.ShortBinColumn}): one feature's codes and the histogram kernels over them.
 *   <li>{@link dev.boreal.histogram.Histogram}: one leaf's (gradient, hessian) sums for every
 *       feature in one flat array, with subtraction for the sibling leaf.
 *   <li>{@link dev.boreal.histogram.HistogramBuilder}: builds a leaf's histograms in parallel over
 *       features, identically for any thread count.
 *   <li>Quantized training (LightGBM 4's {@code use_quantized_grad}):
 *       {@link dev.boreal.histogram.QuantizedGradients} rounds a tree's gradients to packed integer levels,
 *       {@link dev.boreal.histogram.PackedHistogram} holds a leaf's integer sums in the narrowest cells that
 *       cannot overflow, and {@link dev.boreal.histogram.QuantizedHistogramBuilder} builds them with the
 *       packed kernels beside the float ones.
 * </ul>
 */
package dev.boreal.histogram;
