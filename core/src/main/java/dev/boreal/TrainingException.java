package dev.boreal;

/**
 * Training could not produce a usable model from this data and these parameters: the scores stopped being
 * finite numbers, for example. The message names the iteration and what to change; the command line exits
 * with code 1 and writes no model.
 */
public final class TrainingException extends BorealException {
  private static final long serialVersionUID = 1L;

  /** Creates the error; {@code message} is one sentence naming the iteration and what to try instead. */
  public TrainingException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
