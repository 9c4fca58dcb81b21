package dev.boreal.cli;

import dev.boreal.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Text outputs of the commands (tables, reports): checked before the work that fills them, and written to
 * a temporary file beside the target and moved into place, so a file appears whole or not at all.
 */
final class TextFiles {
  private TextFiles() {}

  /**
   * Checks that {@code out}'s folder exists, so that a long run does not fail at its very end.
   *
   * @param what what the file holds, for the message ("the table")
   * @throws InputException naming the missing folder
   */
  static void checkFolder(Path out, String what) {
    Path dir = out.toAbsolutePath().normalize().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new InputException(out + ": cannot write " + what + ": folder " + dir + " does not exist.");
    }
  }

  /**
   * Writes {@code body} to {@code out} in UTF-8; the file appears whole or not at all.
   *
   * @throws InputException naming the file when it cannot be written (no temporary file is left behind)
   */
  static void write(Path out, String body) {
    Path tmp = null;
    try {
      Path dir = out.toAbsolutePath().getParent();
      tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp");
      Files.writeString(tmp, body, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        if (tmp != null) {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new InputException(out + ": cannot be written (" + e.getMessage() + ").", e);
    }
  }
}
