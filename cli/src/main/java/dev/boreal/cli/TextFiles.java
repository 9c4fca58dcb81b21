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
   * Checks, before any work, that {@code out} can be written: its folder exists, and it is absent or a regular
   * file (never a folder or a device such as /dev/null), so that a long run does not fail, or replace a device
   * node, at its very end.
   *
   * @param what what the file holds, for the message ("the table")
   * @throws InputException naming the missing folder or the target that is not a regular file
   */
  static void checkTarget(Path out, String what) {
    Path dir = out.toAbsolutePath().normalize().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new InputException(out + ": cannot write " + what + ": folder " + dir + " does not exist.");
    }
    if (Files.exists(out) && !Files.isRegularFile(out)) {
      throw new InputException(out + ": cannot write " + what + " there: it is " + (Files.isDirectory(out)
          ? "a folder" : "not a regular file (a device or a pipe)") + ", and Boreal replaces only regular files.");
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
