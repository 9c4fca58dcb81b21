/**
 * The learning engine: objectives, the tree learner, gradient boosting and random forests, the model and
 * its predictor, metrics, and the neural-net module. This package holds what they all share: the thread
 * pool and its deterministic block loops.
 */
package dev.boreal.engine;
