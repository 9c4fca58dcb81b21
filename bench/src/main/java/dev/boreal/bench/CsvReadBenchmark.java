package dev.boreal.bench;

import dev.boreal.io.DataReaders;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a numeric CSV into Arrow columns end to end ({@link DataReaders#read}): a seeded
 * {@code rows} × {@code columns} file of values shaped like {@code 0.8693} and {@code -1.23456789},
 * written to a temporary directory once per trial, read on {@code threads} threads.
 *
 * <p>Besides reads per second, the {@code megabytes} counter reports throughput in MB of CSV per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class CsvReadBenchmark {
  @Param({"200000"})
  int rows;

  @Param({"29"})
  int columns;

  @Param({"1", "2"})
  int threads;

  private Path dir;
  private Path file;
  private long fileBytes;
  private RootAllocator allocator;

  /** CSV megabytes read, reported by JMH as a rate next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Throughput {
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    dir = Files.createTempDirectory("boreal-csv-bench");
    file = dir.resolve("numeric.csv");
    SplittableRandom random = new SplittableRandom(20240601L);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(c == 0 ? "label" : ",f" + c);
      }
      out.write(line.append('\n').toString());
      for (int r = 0; r < rows; r++) {
        line.setLength(0);
        for (int c = 0; c < columns; c++) {
          if (c > 0) {
            line.append(',');
          }
          // Alternate 4-decimal fractions and signed 8-decimal values, the two shapes of typical feature files.
          if (c % 2 == 0) {
            line.append(String.format("%.4f", random.nextDouble()));
          } else {
            line.append(String.format("%.8f", (random.nextDouble() - 0.5) * 6));
          }
        }
        out.write(line.append('\n').toString());
      }
    }
    fileBytes = Files.size(file);
    allocator = new RootAllocator();
  }

  @Benchmark
  public int read(Throughput counter) {
    try (Table table = DataReaders.read(file, ReadOptions.defaults().withThreads(threads), allocator)) {
      counter.megabytes += fileBytes / 1e6;
      return table.rowCount();
    }
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    allocator.close();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
