/**
 * Gradient boosting: the step-wise run ({@link dev.boreal.engine.gbdt.Boosting}) and its one-call entry
 * points ({@link dev.boreal.engine.gbdt.GradientBoosting}), bagging, early stopping, the checks that stop a
 * diverging run, continued training from an input model or a checkpoint
 * ({@link dev.boreal.engine.gbdt.Continuation}), and what every learner shares for now: the listener that hears iterations, the reason a
 * run ended, and the typed settings read from the parameter table.
 */
package dev.boreal.engine.gbdt;
