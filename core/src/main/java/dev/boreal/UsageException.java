package dev.boreal;

/**
 * A command or parameter was used wrongly: an unknown option value, an out-of-range parameter,
 * a column name that the data does not have. The command line exits with code 2.
 */
public final class UsageException extends BorealException {
  private static final long serialVersionUID = 1L;

  /** Creates the error; {@code message} is one sentence naming the option or parameter. */
  public UsageException(String message) {
    super(message);
  }

  @Override
  public int exitCode() {
    return 2;
  }
}
