package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers to one target at the same time each write their own temporary file, so the target ends equal to
 * one complete output, never a mix, and no temporary file is left.
 */
class ConcurrentOutputsTest {
  @TempDir
  Path dir;

  @Test
  void twoWritersToOneTargetEndWithOneCompleteOutput() throws Exception {
    Path target = dir.resolve("pred.csv");
    byte[] a = filled((byte) 'a', 3_000_000);
    byte[] b = filled((byte) 'b', 2_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        // Both writers are inside their content at once: each waits for the other to start before finishing.
        CountDownLatch bothWriting = new CountDownLatch(2);
        Future<?> first = pool.submit(() -> write(target, a, bothWriting));
        Future<?> second = pool.submit(() -> write(target, b, bothWriting));
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        byte[] result = Files.readAllBytes(target);
        assertTrue(Arrays.equals(a, result) || Arrays.equals(b, result),
            "round " + round + ": the target is one whole output (" + result.length + " bytes)");
        try (Stream<Path> files = Files.list(dir)) {
          assertEquals(List.of(target), files.toList(), "no temporary file is left");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Void write(Path target, byte[] body, CountDownLatch bothWriting) {
    OutputFile.write(target, "the table", sink -> {
      sink.stream().write(body, 0, body.length / 2);
      bothWriting.countDown();
      try {
        if (!bothWriting.await(20, TimeUnit.SECONDS)) {
          throw new IOException("the other writer never started");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      sink.stream().write(body, body.length / 2, body.length - body.length / 2);
    });
    return null;
  }

  private static byte[] filled(byte value, int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
