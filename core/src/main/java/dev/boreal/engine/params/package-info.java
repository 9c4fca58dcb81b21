/**
 * Training parameters: one table ({@link dev.boreal.engine.params.ParameterTable}) defines every parameter
 * once, with its LightGBM name, XGBoost / scikit-learn / LightGBM aliases, type, default, range, group and
 * description; validation, the {@code --help} text and the model file's parameter list all come from it.
 *
 * <p>{@link dev.boreal.engine.params.Params} is the immutable, validated value that training code reads with
 * typed getters; {@link dev.boreal.engine.params.ConfigFile} reads LightGBM config files and merges them with
 * command-line values. Bad user input throws {@link dev.boreal.UsageException} (or
 * {@link dev.boreal.InputException} for an unreadable config file) with a one-sentence message.
 */
package dev.boreal.engine.params;
