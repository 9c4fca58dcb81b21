/**
 * The explanation report: one self-contained HTML file (inline SVG and CSS, no scripts or network) built
 * from a model and precomputed SHAP values.
 *
 * <p>{@link dev.boreal.explain.report.ReportInput} holds what the report shows and
 * {@link dev.boreal.explain.report.ReportWriter} writes it. Inside, {@code ReportData} derives the per-row
 * view (one explained output per row, scores, feature order, the dot sample), {@code ModelSummary} writes the
 * summary tables, one class per plot kind draws an SVG ({@code ImportancePlot}, {@code BeeswarmPlot},
 * {@code DependencePlot}, {@code WaterfallPlot}, {@code PredictionHistogram}) with the shared drawing helpers
 * of {@code Svg} and {@code Scale}, and {@code Markup} escapes text and formats numbers.
 */
package dev.boreal.explain.report;
