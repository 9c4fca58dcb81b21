/**
 * Evaluation metrics with LightGBM's names and definitions ({@code l2}, {@code auc}, {@code ndcg@5}, …), and
 * the parsing of a {@code metric} parameter into a list of them. Metrics read raw margins in the objectives'
 * output-major layout and apply the model's {@link dev.boreal.engine.objective.Link} themselves.
 */
package dev.boreal.engine.metric;
