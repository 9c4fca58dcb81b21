/**
 * Explanations of Boreal models: exact path-dependent TreeSHAP ({@link dev.boreal.explain.TreeShap}) and
 * its interaction values, exact interventional TreeSHAP against a background set
 * ({@link dev.boreal.explain.InterventionalTreeShap}), model-agnostic KernelSHAP
 * ({@link dev.boreal.explain.KernelShap}), global importance ({@link dev.boreal.explain.Importance}), the
 * value containers ({@link dev.boreal.explain.ShapValues}, {@link dev.boreal.explain.ShapInteractions}),
 * reason codes and single-row explanations for services; the {@code report} package renders the HTML
 * report.
 *
 * <p>Internals: {@code ShapTrees} compiles a model's trees for explanation, {@code PathFactors} holds the
 * row-independent polynomial factors of Linear TreeSHAP, {@code PathShapKernel} and
 * {@code InteractionKernel} are the per-row kernels, {@code GaussLegendre} the quadrature they rest on,
 * and {@code Coalitions} and {@code KernelRegression} the two halves of KernelSHAP.
 */
package dev.boreal.explain;
