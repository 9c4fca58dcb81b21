package dev.boreal.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A suite folder in the layout of {@code ../shared/data/suite}, small enough for a unit test: three seeded sets
 * (binary with a text column and missing values, multiclass, regression), their tasks.tsv and a reference.tsv
 * with made-up peer scores.
 */
final class TinySuite {
  /** The sets, in tasks.tsv order. */
  static final List<String> SETS = List.of("bin", "multi", "reg");
  /** The reference models, in reference.tsv order. */
  static final List<String> MODELS = List.of("sklearn-hgb-1.2.1", "xgboost-1.7.4", "sklearn-rf-1.2.1");
  /** Made-up reference scores per set, in {@link #MODELS} order. */
  static final double[][] REFERENCE = {{0.81, 0.83, 0.80}, {0.70, 0.74, 0.72}, {0.60, 0.55, 0.58}};

  private TinySuite() {}

  /** Writes the folder's files into {@code dir} and returns it. */
  static Path write(Path dir) throws IOException {
    writeSet(dir, "bin", 42);
    writeSet(dir, "multi", 43);
    writeSet(dir, "reg", 44);
    Files.writeString(dir.resolve("tasks.tsv"), "name\ttask\trows\tfeatures\tclasses\n"
        + "bin\tbinary\t340\t2\t2\n"
        + "multi\tmulticlass\t340\t2\t3\n"
        + "reg\tregression\t340\t2\t0\n", StandardCharsets.UTF_8);
    StringBuilder reference = new StringBuilder("dataset\ttask\tmodel\tmetric\tvalue\ttrain_s\n");
    String[] tasks = {"binary", "multiclass", "regression"};
    String[] metrics = {"auc", "accuracy", "rmse"};
    for (int s = 0; s < SETS.size(); s++) {
      for (int m = 0; m < MODELS.size(); m++) {
        reference.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%.5f\t0.10%n", SETS.get(s), tasks[s],
            MODELS.get(m), metrics[s], REFERENCE[s][m]));
      }
    }
    Files.writeString(dir.resolve("reference.tsv"), reference.toString(), StandardCharsets.UTF_8);
    return dir;
  }

  /**
   * {@code NAME.train.csv} (240 rows) and {@code NAME.test.csv} (100 rows): label first, a numeric {@code x1}
   * (5% missing), and {@code color} (red, green, blue as text) for the binary set or a numeric {@code x2} for the
   * others; the label depends on both features, with noise.
   */
  private static void writeSet(Path dir, String name, long seed) throws IOException {
    Random random = new Random(seed);
    String[] colors = {"red", "green", "blue"};
    for (String part : new String[] {"train", "test"}) {
      int rows = part.equals("train") ? 240 : 100;
      List<String> lines = new ArrayList<>();
      lines.add(name.equals("bin") ? "label,x1,color" : "label,x1,x2");
      for (int r = 0; r < rows; r++) {
        double x1 = random.nextGaussian();
        double x2 = random.nextDouble();
        int color = random.nextInt(3);
        double noise = 0.5 * random.nextGaussian();
        String label = switch (name) {
          case "bin" -> x1 + (color == 0 ? 1.0 : 0.0) + noise > 0.5 ? "1" : "0";
          case "multi" -> Integer.toString(x1 + noise < -0.4 ? 0 : x2 < 0.5 ? 1 : 2);
          default -> String.format(Locale.ROOT, "%.4f", 3 * x1 + x2 * x2 + noise);
        };
        String first = random.nextDouble() < 0.05 ? "" : String.format(Locale.ROOT, "%.4f", x1);
        String second = name.equals("bin") ? colors[color] : String.format(Locale.ROOT, "%.4f", x2);
        lines.add(label + "," + first + "," + second);
      }
      Files.write(dir.resolve(name + "." + part + ".csv"), lines, StandardCharsets.UTF_8);
    }
  }
}
