/**
 * The one training pipeline: {@link dev.boreal.engine.learn.InputData} (what readers produce) is prepared
 * by {@link dev.boreal.engine.learn.Preparation} (labels encoded, bins fitted, validation sets matched) into
 * {@link dev.boreal.engine.learn.PreparedData}, which a {@link dev.boreal.engine.learn.Learner} (gbdt, rf,
 * mlp) trains on, step by step or in one call, on the thread team its caller created. A gbdt learner may
 * continue a model ({@link dev.boreal.engine.learn.Learners#continuing}): preparation then bins the data
 * so that the model's trees route it as they route raw values.
 */
package dev.boreal.engine.learn;
