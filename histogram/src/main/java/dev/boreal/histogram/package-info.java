/**
 * Arrow columns into bins: {@link dev.boreal.histogram.BinMapper} per feature, the compact
 * {@link dev.boreal.histogram.BinnedData} columns the learner reads, and the gradient histograms built from them.
 */
package dev.boreal.histogram;
