/**
 * Watching a trained model after training: calibration maps that turn scores into probabilities a service
 * can act on, calibration metrics, and drift profiles with the tests that compare new data against them.
 * Pure computation on a model's outputs and its own bins; reading and writing them is the io module's work.
 */
package dev.boreal.monitor;
