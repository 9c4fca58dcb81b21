package dev.boreal.io;

import dev.boreal.InputException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The one way Boreal writes a file: model files, tables, reports and data all appear whole or not at all, and
 * only ever replace a regular file.
 *
 * <p>{@link #write} checks the target (its folder exists; the target is absent, a regular file, or a symbolic
 * link, which is itself replaced and never followed; folders, devices and pipes are refused), creates a
 * temporary file {@code .<name>.<random>.tmp} beside it exclusively (never following a link at that name),
 * lets the caller fill it, forces it to disk, gives it the permissions of the regular file it replaces,
 * checks the target again and moves it into place atomically. Any failure, a full disk included, removes the
 * temporary file, leaves the target as it was and becomes one {@link InputException} sentence; a JVM stopped
 * meanwhile removes it too ({@link UnfinishedOutputs}).
 */
public final class OutputFile {
  private static final SecureRandom NAMES = new SecureRandom();
  /** Tries of a fresh random name before giving up; a clash is a sign of something placed there on purpose. */
  private static final int NAME_TRIES = 8;

  private OutputFile() {}

  /** Fills an output's temporary file. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the whole output to {@code sink}.
     *
     * @throws IOException when writing fails; the target is then left as it was
     */
    void writeTo(Sink sink) throws IOException;
  }

  /**
   * Where {@link Content} writes: the temporary file as a stream or a channel. Closing either does not end the
   * write; {@link OutputFile#write} flushes, forces and closes the file once the content returns.
   */
  public static final class Sink {
    private final UnfinishedOutputs.Pending pending;
    private final OutputStream stream;
    private final WritableByteChannel channel;

    private Sink(UnfinishedOutputs.Pending pending) {
      this.pending = pending;
      FileChannel file = pending.channel();
      this.stream = new FilterOutputStream(Channels.newOutputStream(file)) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          flush();
        }
      };
      this.channel = new WritableByteChannel() {
        @Override
        public int write(ByteBuffer src) throws IOException {
          return file.write(src);
        }

        @Override
        public boolean isOpen() {
          return file.isOpen();
        }

        @Override
        public void close() {
          // The output is closed by OutputFile.write, after forcing it to disk.
        }
      };
    }

    /** The temporary file as an unbuffered stream. */
    public OutputStream stream() {
      return stream;
    }

    /** The temporary file as a channel. */
    public WritableByteChannel channel() {
      return channel;
    }

    /**
     * A private folder (mode 700) beside the temporary file for intermediate files, created on the first call
     * and removed with the temporary file.
     *
     * @throws IOException if it cannot be created
     */
    public Path scratchFolder() throws IOException {
      return UnfinishedOutputs.scratchFolder(pending);
    }
  }

  /**
   * Checks, before any work, that {@code target} can be written: its folder exists, and it is absent, a regular
   * file or a symbolic link (which would be replaced, not followed), never a folder or a device such as
   * /dev/null, so that a long run does not fail, or replace a device node, at its very end.
   *
   * @param what what the file holds, for the message ("the model")
   * @throws InputException naming the missing folder or the target that is not a regular file
   */
  public static void check(Path target, String what) {
    Path dir = folder(target);
    if (!Files.isDirectory(dir)) {
      throw new InputException(target + ": cannot write " + what + ": " + (Files.exists(dir)
          ? dir + " is not a folder." : "folder " + dir + " does not exist."));
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException absent) {
      return;
    } catch (IOException e) {
      throw new InputException(target + ": cannot write " + what + ": " + reason(e) + ".", e);
    }
    if (!a.isRegularFile() && !a.isSymbolicLink()) {
      throw new InputException(target + ": cannot write " + what + " there: it is " + (a.isDirectory()
          ? "a folder" : "not a regular file (a device or a pipe)") + ", and Boreal replaces only regular files.");
    }
  }

  /**
   * Writes {@code target} through {@code content}; the file appears whole or not at all.
   *
   * @param what what the file holds, for messages ("the model")
   * @throws InputException when the target is refused ({@link #check}) or cannot be written; the message names
   *     the file and the reason (such as "no space left on device"), no temporary file is left behind and the
   *     target is as it was
   */
  public static void write(Path target, String what, Content content) {
    check(target, what);
    UnfinishedOutputs.Pending pending = null;
    try {
      pending = createTemp(target);
      try (FileChannel file = pending.channel()) {
        content.writeTo(new Sink(pending));
        file.force(true);
      }
      keepPermissions(target, pending.temp());
      check(target, what);
      UnfinishedOutputs.moveIntoPlace(pending);
      syncFolder(folder(target));
    } catch (IOException e) {
      throw failure(target, what, e);
    } finally {
      if (pending != null) {
        discard(pending);
      }
    }
  }

  /**
   * Writes {@code text} to {@code target} in UTF-8, as {@link #write}.
   *
   * @throws InputException as {@link #write}
   */
  public static void writeString(Path target, String what, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(target, what, sink -> sink.stream().write(bytes));
  }

  /** Removes what is left of an output: its temporary file after a failure, its scratch folder always. */
  private static void discard(UnfinishedOutputs.Pending pending) {
    try {
      UnfinishedOutputs.discard(pending);
    } catch (IOException e) {
      // A folder made read-only meanwhile, say: the failure or the finished output is what the caller needs.
    }
  }

  /** The folder a target is written in: the parent of its absolute path, as the file system resolves it. */
  private static Path folder(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    return dir == null ? target.toAbsolutePath() : dir;
  }

  /** A new, empty temporary file {@code .<name>.<random>.tmp} beside {@code target}, created exclusively. */
  private static UnfinishedOutputs.Pending createTemp(Path target) throws IOException {
    Path dir = folder(target);
    for (int attempt = 1; ; attempt++) {
      Path temp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(NAMES.nextLong(), 36)
          + ".tmp");
      try {
        return UnfinishedOutputs.create(target, temp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == NAME_TRIES) {
          throw e;
        }
      }
    }
  }

  /** Gives a replacement the permissions of the regular file it replaces, where the file system has them. */
  private static void keepPermissions(Path target, Path replacement) throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (old != null) {
      // Not through a link, should one have been put in the temporary file's place.
      Files.getFileAttributeView(replacement, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setPermissions(old.readAttributes().permissions());
    }
  }

  /**
   * Makes the move itself durable. Some systems cannot open a folder for this; the file's own bytes are on disk
   * already, so there is nothing more to do there.
   */
  private static void syncFolder(Path dir) {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException e) {
      // See above: the output is complete and in place.
    }
  }

  /** One sentence for a write that failed: the file, what happened, and that the old file is untouched. */
  static InputException failure(Path target, String what, IOException e) {
    return new InputException(target + ": cannot write " + what + ": " + reason(e) + " ("
        + (Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? "the file already there is kept as it was"
        : "no file was written") + ").", e);
  }

  /** The operating system's words for an I/O failure, such as "no space left on device". */
  static String reason(IOException e) {
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
    if (reason == null || reason.isBlank()) {
      return e.getClass().getSimpleName();
    }
    reason = reason.strip();
    reason = reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    boolean word = reason.length() > 1 && Character.isLowerCase(reason.charAt(1));
    return word ? reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1) : reason;
  }
}
