package dev.boreal.io;

import dev.boreal.engine.model.TrainedModel;
import dev.boreal.monitor.drift.DriftProfile;

/**
 * A model read from a {@link ModelFile} with the drift profile stored beside it.
 *
 * @param model the model
 * @param profile its reference drift profile, or null when the file has none (imported, older or written
 *     without one)
 */
public record ProfiledModel(TrainedModel model, DriftProfile profile) {}
