package dev.boreal;

/**
 * The data given to Boreal cannot be used: a missing or unreadable file, a malformed row, a label
 * that is not a number. The command line exits with code 1.
 */
public final class InputException extends BorealException {
  private static final long serialVersionUID = 1L;

  /** Creates the error; {@code message} is one sentence naming file, row and column where they apply. */
  public InputException(String message) {
    super(message);
  }

  /** Creates the error, keeping the low-level cause for {@code --verbose}. */
  public InputException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
