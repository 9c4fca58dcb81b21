/**
 * Calibration maps from a classifier's raw margins to probabilities ({@link
 * dev.boreal.monitor.calibration.Calibrator}): Platt scaling, isotonic regression, temperature scaling, beta
 * calibration and inductive Venn-Abers, one class each; multiclass models get temperature scaling natively and
 * the others one-vs-rest ({@code OneVsRest}). {@link dev.boreal.monitor.calibration.Calibrations} fits one by
 * name and reads one back from a model file's parameters; {@link dev.boreal.monitor.calibration.AutoChoice}
 * picks one by cross-validated log loss.
 *
 * <p><b>How a model applies its map.</b> Every prediction path (the predictor, metrics in eval, cv and compare,
 * predict, serve, the Java API and the explain report's predictions) already turns margins into predictions
 * through the model's {@link dev.boreal.engine.objective.Link}. So the seam is the link: the engine defines a
 * small {@link dev.boreal.engine.objective.OutputMap} interface, a {@code Calibrator} is one, and
 * {@code link.calibrated(map)} gives a link whose sigmoid or softmax is replaced by the map; the model carries
 * that link ({@code Model.withLink}). No caller has to remember to calibrate, the engine does not depend on
 * this module, and raw margins (hence {@code --raw} and SHAP values, which add up to them) are untouched. A
 * decorator around the model was the alternative, but the metrics take the link, not the model, and
 * {@code instanceof Model} checks for tree-only features would have had to see through it.
 */
package dev.boreal.monitor.calibration;
