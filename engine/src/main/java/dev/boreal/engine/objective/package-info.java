/**
 * Training objectives: the loss each boosting round differentiates, its link from raw margins to
 * predictions, its starting score, and the encoding of user labels into what the losses expect.
 *
 * <p>Layout shared with the tree learner: n rows, K outputs (K = num_class for multiclass, else 1);
 * scores, gradients and hessians are {@code double[K*n]}, output-major (index {@code k*n + i}), and scores
 * are raw margins. {@link dev.boreal.engine.objective.Objectives#create} validates settings and labels
 * and binds them to an {@link dev.boreal.engine.objective.Objective}.
 */
package dev.boreal.engine.objective;
