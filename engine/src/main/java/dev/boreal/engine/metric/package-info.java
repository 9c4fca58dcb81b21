/**
 * Evaluation metrics with LightGBM's names and definitions ({@code l2}, {@code auc}, {@code ndcg@5}, …), and
 * the parsing of a {@code metric} parameter into a list of them. Metrics read raw margins in the objectives'
 * output-major layout and apply the model's {@link dev.boreal.engine.objective.Link} themselves. The calibration
 * metrics of classifiers ({@code ece}, {@code mce}, {@code classwise_ece}, {@code brier} and its terms) live here
 * too, so training's validation sets can use them; their {@link dev.boreal.engine.metric.ReliabilityBins} and
 * {@link dev.boreal.engine.metric.BrierDecomposition} also feed the reports' reliability diagrams.
 */
package dev.boreal.engine.metric;
