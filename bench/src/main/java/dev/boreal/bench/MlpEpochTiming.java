package dev.boreal.bench;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.Learners;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.params.Params;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;

/**
 * Seconds per neural-net training epoch, the figure set side by side with scikit-learn's MLPClassifier by
 * {@code bench/scripts/sklearn_mlp_epoch.py} on the same CSV, layer sizes and batch size; with
 * {@code --algorithm ft-transformer} (and e.g. {@code --params preset=small}) the FT-Transformer's.
 *
 * <pre>
 * java -cp ... dev.boreal.bench.MlpEpochTiming [--data FILE.csv | --rows N [--features F] --write DIR]
 *     [--epochs E] [--threads T] [--hidden 64,64] [--batch 256] [--algorithm mlp|ft-transformer]
 *     [--params k=v,k=v]
 * </pre>
 *
 * <p>Without {@code --data} it writes {@code --rows} (100,000) rows of {@link SyntheticData} (seed 42) to
 * {@code DIR/mlp-epoch.csv}, the file the Python script then reads; with {@code --features F} the rows have
 * {@code F} standard normal numeric features instead (seed 42; the label a noisy logistic function of the first
 * ten and of one product of two), the shape the epoch target names (10,000 × 30). Early stopping is kept out of the way
 * (patience = epochs, a held-out share of 0.01%), so every epoch runs; the first epoch, which also pays for
 * JIT compilation, is reported apart from the median of the others. Wall time is the figure that counts;
 * CPU time (all threads) is printed beside it because it does not grow when other work shares the machine.
 */
public final class MlpEpochTiming {
  private MlpEpochTiming() {}

  /** Runs the measurement and prints one line of figures. */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = options(args);
    Path data;
    if (a.containsKey("--data")) {
      data = Path.of(a.get("--data"));
    } else {
      Path dir = Files.createDirectories(Path.of(a.getOrDefault("--write", "target/mlp-epoch")));
      data = dir.resolve("mlp-epoch.csv");
      int rows = Integer.parseInt(a.getOrDefault("--rows", "100000"));
      if (a.containsKey("--features")) {
        writeNumeric(data, rows, Integer.parseInt(a.get("--features")));
      } else {
        SyntheticData.writeCsv(data, rows, 42);
      }
    }
    int epochs = Integer.parseInt(a.getOrDefault("--epochs", "5"));
    String threads = a.getOrDefault("--threads", "2");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("objective", "binary");
    p.put("hidden", a.getOrDefault("--hidden", "64,64"));
    p.put("batch_size", a.getOrDefault("--batch", "256"));
    p.put("max_epochs", Integer.toString(epochs));
    p.put("patience", Integer.toString(epochs));
    p.put("validation_fraction", "0.0001");
    p.put("num_threads", threads);
    String algorithm = a.getOrDefault("--algorithm", "mlp");
    p.put("boosting", algorithm);
    for (String pair : a.getOrDefault("--params", "").split(",")) {
      if (!pair.isBlank()) {
        p.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
      }
    }
    try (RootAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(data, ReadOptions.defaults().withLabel(SyntheticData.LABEL)
            .withThreads(Integer.parseInt(threads)), allocator)) {
      Params params = Params.of(p);
      long[] ends = new long[epochs + 1];
      long[] cpu = new long[epochs + 1];
      ends[0] = System.nanoTime();
      cpu[0] = processCpuNanos();
      TrainingListener listener = (epoch, total, evaluations) -> {
        ends[epoch] = System.nanoTime();
        cpu[epoch] = processCpuNanos();
      };
      MlpModel model;
      @SuppressWarnings("unchecked")
      Learner<MlpModel> learner = (Learner<MlpModel>) Learners.of(algorithm);
      try (Parallel team = new Parallel(Settings.threads(params))) {
        model = learner.fit(Datasets.prepare(learner, table, List.of(), params, team), listener, team);
      }
      double[] seconds = new double[epochs];
      double[] cpuSeconds = new double[epochs];
      for (int e = 0; e < epochs; e++) {
        seconds[e] = (ends[e + 1] - ends[e]) / 1e9;
        cpuSeconds[e] = (cpu[e + 1] - cpu[e]) / 1e9;
      }
      double[] rest = Arrays.copyOfRange(seconds, 1, epochs);
      double[] restCpu = Arrays.copyOfRange(cpuSeconds, 1, epochs);
      Arrays.sort(rest);
      Arrays.sort(restCpu);
      System.out.printf(Locale.ROOT, "boreal %s: %,d rows x %d inputs, batch %s, %s threads: "
          + "first epoch (with preprocessing and JIT) %.3f s, median of the next %d epochs %.3f s/epoch "
          + "(%.3f s of CPU)%n",
          model.network().describe(), table.rowCount(), model.preprocessing().inputs(), p.get("batch_size"),
          threads,
          seconds[0], rest.length, median(rest), median(restCpu));
    }
  }

  /** {@code rows} rows of {@code features} standard normal columns and a 0/1 label, seeded, as CSV. */
  private static void writeNumeric(Path file, int rows, int features) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    try (Writer w = Files.newBufferedWriter(file)) {
      StringBuilder line = new StringBuilder(SyntheticData.LABEL);
      for (int j = 0; j < features; j++) {
        line.append(",f").append(j);
      }
      w.append(line).append('\n');
      double[] x = new double[features];
      for (int r = 0; r < rows; r++) {
        double margin = 0;
        for (int j = 0; j < features; j++) {
          x[j] = gaussian(random);
          margin += j < 10 ? x[j] / (j + 1) : 0;
        }
        margin += features > 1 ? x[0] * x[1] : 0;
        line.setLength(0);
        line.append(random.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0);
        for (double v : x) {
          line.append(',').append(String.format(Locale.ROOT, "%.5f", v));
        }
        w.append(line).append('\n');
      }
    }
  }

  /** A standard normal draw (Box-Muller), so the file depends on the seed alone. */
  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  private static double median(double[] sorted) {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
  }

  /** CPU time of the whole process (every thread), so that other load on the machine does not count. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      out.put(args[i], args[i + 1]);
    }
    return out;
  }
}
