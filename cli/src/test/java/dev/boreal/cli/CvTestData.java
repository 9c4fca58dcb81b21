package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.io.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small seeded data sets for the {@code boreal cv} tests, written as CSV with every number in its exact
 * decimal form (so a subset of the lines reads back to the same doubles), and the brute-force twins the
 * tests check {@code cv} against.
 *
 * @param file the CSV file: label {@code y}, features {@code x0..x3}, and {@code qid} for ranking
 * @param lines its lines, the header first
 * @param labels the label of every row (class indices for classifiers)
 * @param groups query group sizes, or null
 */
record CvTestData(Path file, List<String> lines, double[] labels, int[] groups) {
  /**
   * Writes a data set for {@code task}: binary, multiclass (3 classes), regression or lambdarank (query
   * groups of 4 to 12 rows, relevance 0 to 3).
   */
  static CvTestData write(Path file, String task, int rows, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    boolean ranking = task.equals("lambdarank");
    List<String> lines = new ArrayList<>();
    lines.add("y,x0,x1,x2,x3" + (ranking ? ",qid" : ""));
    double[] labels = new double[rows];
    List<Integer> groups = new ArrayList<>();
    int groupLeft = 0;
    for (int r = 0; r < rows; r++) {
      double[] x = new double[4];
      for (int j = 0; j < x.length; j++) {
        x[j] = random.nextGaussian();
      }
      double noise = random.nextGaussian();
      double y;
      switch (task) {
        case "binary":
          y = random.nextDouble() < 1 / (1 + Math.exp(-(2 * x[0] - x[1] + x[2] * x[3]))) ? 1 : 0;
          break;
        case "multiclass":
          double s = x[0] + 0.5 * x[1] + 0.4 * noise;
          y = s < -0.4 ? 0 : s < 0.6 ? 1 : 2;
          break;
        case "lambdarank":
          y = Math.max(0, Math.min(3, Math.rint(1.5 + x[0] + 0.5 * x[1] + 0.5 * noise)));
          break;
        default:
          y = x[0] + Math.sin(2 * x[1]) + 0.3 * noise;
          break;
      }
      if (ranking && groupLeft == 0) {
        groupLeft = 4 + random.nextInt(9);
        groups.add(0);
      }
      labels[r] = y;
      StringBuilder line = new StringBuilder(Double.toString(y));
      for (double v : x) {
        line.append(',').append(v);
      }
      if (ranking) {
        int g = groups.size() - 1;
        groups.set(g, groups.get(g) + 1);
        groupLeft--;
        line.append(',').append(g);
      }
      lines.add(line.toString());
    }
    Files.write(file, lines);
    int[] sizes = ranking ? groups.stream().mapToInt(Integer::intValue).toArray() : null;
    return new CvTestData(file, lines, labels, sizes);
  }

  /** Class names of a classifier's labels 0..k-1, as the label encoder names them. */
  static String[] classes(int k) {
    String[] out = new String[k];
    for (int c = 0; c < k; c++) {
      out[c] = Integer.toString(c);
    }
    return out;
  }

  /**
   * The brute-force twin of fold {@code fold}: {@code boreal train} on a file of the fold's training rows with
   * {@code --valid} a file of its held-out rows. Returns the validation metrics train recorded after each
   * iteration (metric name to values).
   */
  Map<String, double[]> twin(Folds folds, int fold, Path dir, String... trainArgs) throws IOException {
    Path train = dir.resolve("twin-train.csv");
    Path valid = dir.resolve("twin-valid.csv");
    Path model = dir.resolve("twin-model.json");
    Files.write(train, subset(folds.rows(fold, false)));
    Files.write(valid, subset(folds.rows(fold, true)));
    List<String> args = new ArrayList<>(List.of("train", "--data", train.toString(), "--valid", valid.toString(),
        "--model", model.toString(), "--log-every", "0"));
    args.addAll(List.of(trainArgs));
    CliRunner r = CliRunner.run(args.toArray(new String[0]));
    assertEquals(0, r.exitCode, r.err);
    return ModelFile.readAny(model).evalHistory().get("twin-valid.csv");
  }

  private List<String> subset(int[] rows) {
    List<String> out = new ArrayList<>();
    out.add(lines.get(0));
    for (int r : rows) {
      out.add(lines.get(r + 1));
    }
    return out;
  }

  /** The JSON a run wrote. */
  static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  /** One curve of the JSON, {@code curve.<metric>.<field>}, as numbers; for "folds" fold {@code f}'s row. */
  static double[] curve(JsonNode json, String metric, String field, int f) {
    JsonNode node = json.get("curve").get(metric).get(field);
    JsonNode values = field.equals("folds") ? node.get(f) : node;
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).asDouble();
    }
    return out;
  }

  /**
   * LightGBM's early-stopping callback, written out on its own as the reference: per iteration, metric by
   * metric, a strictly better mean becomes that metric's best; the first metric to go {@code rounds}
   * iterations without one stops training, and at the last iteration the metric being looked at (the first)
   * decides. Returns {best iteration, iterations trained}, both 1-based.
   *
   * @param means [metric][iteration] of the mean curve
   */
  static int[] lightGbmRule(double[][] means, boolean[] higherIsBetter, int rounds, boolean firstMetricOnly,
      int total) {
    int metrics = means.length;
    double[] best = new double[metrics];
    int[] bestIt = new int[metrics];
    Arrays.fill(bestIt, -1);
    for (int it = 0; it < means[0].length; it++) {
      for (int i = 0; i < metrics; i++) {
        double score = means[i][it];
        if (bestIt[i] < 0 || (higherIsBetter[i] ? score > best[i] : score < best[i])) {
          best[i] = score;
          bestIt[i] = it;
        }
        if (firstMetricOnly && i > 0) {
          continue;
        }
        if (it - bestIt[i] >= rounds || it == total - 1) {
          return new int[] {bestIt[i] + 1, it + 1};
        }
      }
    }
    throw new AssertionError("the curve ended before the rule decided");
  }
}
