package dev.boreal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The outputs {@link OutputFile} is writing right now. When the JVM is stopped (SIGTERM, Ctrl-C) while one is
 * being written, a single shutdown hook deletes its temporary files, so nothing half-written is left beside the
 * target, and the target itself is never touched. Creating a temporary file, moving it into place and the
 * hook's clean-up exclude each other: an output is either moved whole before the hook runs or removed by it.
 *
 * <p>The library never prints; a program that wants to say what was removed registers a listener with
 * {@link #whenStopped}.
 */
public final class UnfinishedOutputs {
  private static final Object LOCK = new Object();
  private static final Set<Pending> PENDING = new LinkedHashSet<>();
  private static boolean stopping;
  private static volatile Consumer<List<Path>> listener = removed -> {};

  static {
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(UnfinishedOutputs::stop, "boreal-unfinished-outputs"));
    } catch (IllegalStateException alreadyStopping) {
      // First used by another shutdown hook: writes still work, there is just no later stop to clean up after.
    }
  }

  private UnfinishedOutputs() {}

  /**
   * Sets what runs in the shutdown hook after the unfinished outputs are removed; it receives their targets,
   * in the order their writing started (empty when nothing was being written, as on every normal exit).
   * A later call replaces the listener.
   */
  public static void whenStopped(Consumer<List<Path>> onStop) {
    listener = onStop;
  }

  /** One output being written: its target and the temporary files and folders that go if it is not finished. */
  static final class Pending {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private Path scratch;

    private Pending(Path target, Path temp, FileChannel channel) {
      this.target = target;
      this.temp = temp;
      this.channel = channel;
    }

    /** The temporary file. */
    Path temp() {
      return temp;
    }

    /** The temporary file, open for writing; the writer closes it. */
    FileChannel channel() {
      return channel;
    }

    /**
     * Removes the temporary file and the scratch folder, if they are still there. The channel stays open: a
     * writer still filling it when the hook runs writes on into the deleted file until the JVM halts.
     */
    private void delete() throws IOException {
      Files.deleteIfExists(temp);
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  /**
   * Creates {@code temp} for {@code target} exclusively (never following a symbolic link at that name) and
   * opens it for writing.
   *
   * @throws java.nio.file.FileAlreadyExistsException if anything, even a dangling link, has that name
   * @throws IOException if it cannot be created
   */
  static Pending create(Path target, Path temp) throws IOException {
    synchronized (LOCK) {
      if (!stopping) {
        Pending p = new Pending(target, temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        PENDING.add(p);
        return p;
      }
    }
    return awaitHalt();
  }

  /** A private folder beside the temporary file for the writer's own scratch files, removed with it. */
  static Path scratchFolder(Pending p) throws IOException {
    synchronized (LOCK) {
      if (!stopping) {
        if (p.scratch == null) {
          p.scratch = Files.createTempDirectory(p.temp.getParent(), p.temp.getFileName() + ".");
        }
        return p.scratch;
      }
    }
    return awaitHalt();
  }

  /** Moves the finished temporary file onto its target in one atomic step, replacing what is there. */
  static void moveIntoPlace(Pending p) throws IOException {
    synchronized (LOCK) {
      if (!stopping) {
        Files.move(p.temp, p.target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        PENDING.remove(p);
        return;
      }
    }
    awaitHalt();
  }

  /** Deletes whatever of {@code p} is left (nothing once moved) and forgets it. */
  static void discard(Pending p) throws IOException {
    synchronized (LOCK) {
      PENDING.remove(p);
      p.delete();
    }
  }

  /**
   * Once the hook has removed the unfinished outputs the JVM is about to halt; a writer that gets this far
   * waits for that rather than failing, so the run ends with the hook's account and no second message.
   */
  private static <T> T awaitHalt() {
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // Still halting: keep waiting.
      }
    }
  }

  /** The shutdown hook: removes every unfinished output, then tells the listener which. */
  private static void stop() {
    List<Path> removed = new ArrayList<>();
    synchronized (LOCK) {
      stopping = true;
      for (Pending p : PENDING) {
        try {
          p.delete();
        } catch (IOException e) {
          // The JVM is going down: a file that cannot be deleted now is left, and nothing more can be done.
        }
        removed.add(p.target);
      }
      PENDING.clear();
    }
    listener.accept(removed);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
