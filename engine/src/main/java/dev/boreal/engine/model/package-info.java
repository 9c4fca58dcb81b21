/**
 * The trained model and what scores it: {@link dev.boreal.engine.model.Model} (immutable trees, feature
 * schema, bins, link and metadata), built tree by tree through one {@link dev.boreal.engine.model.TreeBuilder}
 * and checked by {@link dev.boreal.engine.model.ModelCheck} whichever reader or learner made it; the one
 * routing rule every walker shares ({@link dev.boreal.engine.model.Routing}); and the thread-safe,
 * allocation-free {@link dev.boreal.engine.model.Predictor} with its flat tree layout and row encoding.
 */
package dev.boreal.engine.model;
