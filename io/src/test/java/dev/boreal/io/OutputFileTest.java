package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one writer seam: exclusive, uniquely named temporary files that never follow a link, targets that are only
 * ever regular files (a link given as the target is replaced, not followed), kept permissions, and failures that
 * leave the old file and no temporary file.
 */
class OutputFileTest {
  @TempDir
  Path dir;

  @Test
  void theTemporaryFileIsUniqueAndBesideTheTargetAndGoesAway() throws IOException {
    Path target = dir.resolve("out.csv");
    List<Path> seen = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      String body = "run " + run + "\n";
      OutputFile.write(target, "the table", sink -> {
        seen.addAll(list(dir));
        sink.stream().write(body.getBytes(StandardCharsets.UTF_8));
      });
      assertEquals(body, Files.readString(target));
      assertEquals(List.of(target), list(dir), "only the target is left");
    }
    // While the content was written the folder held the temporary file (and, from the first run on, the target).
    List<Path> temps = seen.stream().filter(p -> !p.equals(target)).toList();
    assertEquals(2, temps.size(), seen.toString());
    for (Path temp : temps) {
      assertTrue(temp.getFileName().toString().matches("\\.out\\.csv\\.[0-9a-z]+\\.tmp"), temp.toString());
    }
    assertNotEquals(temps.get(0), temps.get(1), "each write has its own temporary name");
  }

  @Test
  void aLinkAtTheTemporaryNameIsNeitherFollowedNorReplaced() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path target = dir.resolve("out.csv");
    Path temp = dir.resolve(".out.csv.planted.tmp");
    Files.createSymbolicLink(temp, victim);
    assertThrows(FileAlreadyExistsException.class, () -> UnfinishedOutputs.create(target, temp));
    Path dangling = dir.resolve(".out.csv.dangling.tmp");
    Path wouldBeCreated = dir.resolve("created-through-the-link");
    Files.createSymbolicLink(dangling, wouldBeCreated);
    assertThrows(FileAlreadyExistsException.class, () -> UnfinishedOutputs.create(target, dangling));

    assertEquals("keep me", Files.readString(victim));
    assertFalse(Files.exists(wouldBeCreated, LinkOption.NOFOLLOW_LINKS), "nothing was created through the link");
    assertTrue(Files.isSymbolicLink(temp) && Files.isSymbolicLink(dangling), "the planted links are untouched");
  }

  @Test
  void aLinkGivenAsTheTargetIsReplacedAndNotFollowed() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path target = Files.createSymbolicLink(dir.resolve("out.csv"), victim);
    OutputFile.writeString(target, "the table", "new\n");
    assertEquals("keep me", Files.readString(victim));
    assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS), "the link became the output");
    assertEquals("new\n", Files.readString(target));

    Path devNull = Path.of("/dev/null");
    Assumptions.assumeTrue(Files.exists(devNull), "no /dev/null on this platform");
    Path toDevice = Files.createSymbolicLink(dir.resolve("to-device.csv"), devNull);
    OutputFile.writeString(toDevice, "the table", "also new\n");
    assertEquals("also new\n", Files.readString(toDevice));
    assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
  }

  @Test
  void foldersDevicesAndMissingFoldersAreRefusedBeforeAnyWork() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("a-folder"));
    InputException e = assertThrows(InputException.class,
        () -> OutputFile.write(folder, "the model", sink -> {
          throw new AssertionError("no content is asked for");
        }));
    assertEquals(folder + ": cannot write the model there: it is a folder, and Boreal replaces only regular "
        + "files.", e.getMessage());

    Path missing = dir.resolve("no-such-folder").resolve("model.json");
    e = assertThrows(InputException.class, () -> OutputFile.check(missing, "the model"));
    assertEquals(missing + ": cannot write the model: folder " + missing.getParent() + " does not exist.",
        e.getMessage());

    Path notAFolder = Files.writeString(dir.resolve("plain.txt"), "x").resolve("model.json");
    e = assertThrows(InputException.class, () -> OutputFile.check(notAFolder, "the model"));
    assertEquals(notAFolder + ": cannot write the model: " + notAFolder.getParent() + " is not a folder.",
        e.getMessage());
    assertEquals(Set.of(folder, notAFolder.getParent()), Set.copyOf(list(dir)));

    Path devNull = Path.of("/dev/null");
    Assumptions.assumeTrue(Files.exists(devNull), "no /dev/null on this platform");
    e = assertThrows(InputException.class, () -> OutputFile.writeString(devNull, "the table", "x"));
    assertEquals("/dev/null: cannot write the table there: it is not a regular file (a device or a pipe), and "
        + "Boreal replaces only regular files.", e.getMessage());
    assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
  }

  @Test
  void aTargetThatBecomesAFolderDuringTheWriteIsRefusedAtTheEnd() throws IOException {
    Path target = dir.resolve("out.csv");
    InputException e = assertThrows(InputException.class, () -> OutputFile.write(target, "the table", sink -> {
      sink.stream().write("rows\n".getBytes(StandardCharsets.UTF_8));
      Files.createDirectory(target);
    }));
    assertTrue(e.getMessage().contains("it is a folder"), e.getMessage());
    assertEquals(List.of(target), list(dir), "no temporary file is left");
    assertTrue(Files.isDirectory(target));
  }

  @Test
  void theReplacedFileKeepsItsPermissionsAndANewFileFollowsTheUmask() throws IOException {
    Path target = dir.resolve("model.json");
    Files.writeString(target, "old");
    Assumptions.assumeTrue(Files.getFileAttributeView(target, PosixFileAttributeView.class) != null,
        "the file system has no POSIX permissions");
    Set<PosixFilePermission> groupOnly = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(target, groupOnly);
    OutputFile.writeString(target, "the model", "new");
    assertEquals(groupOnly, Files.getPosixFilePermissions(target));
    assertEquals("new", Files.readString(target));

    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path fresh = dir.resolve("fresh.json");
    OutputFile.writeString(fresh, "the model", "new");
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh));
  }

  @Test
  void aFullDiskLeavesTheOldFileAndNoTemporaryFileAndSaysSo() throws IOException {
    Path target = Files.writeString(dir.resolve("pred.csv"), "old predictions\n");
    // How a FileChannel reports ENOSPC: an IOException carrying the system's words.
    InputException e = assertThrows(InputException.class, () -> OutputFile.write(target, "the table", sink -> {
      sink.stream().write(new byte[100_000]);
      sink.scratchFolder();
      throw new IOException("No space left on device");
    }));
    assertEquals(target + ": cannot write the table: no space left on device (the file already there is kept "
        + "as it was).", e.getMessage());
    assertEquals("old predictions\n", Files.readString(target));
    assertEquals(List.of(target), list(dir), "no temporary file or scratch folder is left");

    // How Files.* reports it, and a target that did not exist.
    Path fresh = dir.resolve("fresh.csv");
    e = assertThrows(InputException.class, () -> OutputFile.write(fresh, "the table", sink -> {
      throw new FileSystemException(fresh.toString(), null, "No space left on device");
    }));
    assertEquals(fresh + ": cannot write the table: no space left on device (no file was written).",
        e.getMessage());
    assertEquals(List.of(target), list(dir));
  }

  @Test
  void aFailureOfTheContentItselfPassesThroughAndLeavesNothing() throws IOException {
    Path target = Files.writeString(dir.resolve("out.csv"), "old");
    IllegalStateException bug = new IllegalStateException("a bug in the writer");
    assertSame(bug, assertThrows(IllegalStateException.class, () -> OutputFile.write(target, "the table", sink -> {
      sink.stream().write(1);
      throw bug;
    })));
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), list(dir));
  }

  @Test
  void scratchFilesGoWithTheOutput() throws IOException {
    Path target = dir.resolve("out.parquet");
    OutputFile.write(target, "the table", sink -> {
      Path scratch = sink.scratchFolder();
      assertEquals(dir, scratch.getParent());
      Files.writeString(scratch.resolve("table.arrow"), "intermediate");
      sink.stream().write('x');
    });
    assertEquals(List.of(target), list(dir));
    assertEquals("x", Files.readString(target));
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }
}
