package dev.boreal;

/**
 * Base of the typed errors that Boreal's library modules throw for input a person can correct.
 *
 * <p>The message is one complete sentence that names what was wrong and where (file, row, column),
 * ready to be shown as it is. The command line turns these into one line on stderr and an exit code
 * from {@link #exitCode()}; anything else that escapes is a bug and is reported as such.
 */
public abstract class BorealException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an error whose message is the sentence shown to the user. */
  protected BorealException(String message) {
    super(message);
  }

  /** Creates an error whose message is the sentence shown to the user, keeping the low-level cause. */
  protected BorealException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The process exit code the command line uses for this kind of error. */
  public abstract int exitCode();
}
