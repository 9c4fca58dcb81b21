/**
 * Calibration maps from a classifier's raw margins to probabilities ({@link
 * dev.boreal.monitor.calibration.Calibrator}).
 */
package dev.boreal.monitor.calibration;
