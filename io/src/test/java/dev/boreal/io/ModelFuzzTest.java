package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.explain.TreeShap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mutated model files, in each of the three formats, are either refused with one {@link InputException}
 * sentence that names the file and no Java class, or read into a model that scores a fixed set of rows exactly
 * as the file says: identically to the unmutated file, or, when the mutation changed what the file says (a
 * leaf value, swapped children, a deeper tree), as an independent reading of the mutated file
 * ({@link ReferenceModel}) scores them. Every accepted model is also explained with TreeSHAP, whose values must
 * be finite and add up to the raw score. Each file gets a time limit, so a reader or walker that loops fails
 * the test rather than hanging it; any other exception is a failure too.
 */
class ModelFuzzTest {
  private static final int MUTATIONS = 900;
  private static final int ROWS = 24;
  private static final Duration LIMIT = Duration.ofSeconds(2);
  /** A Java package, class or method name in a message, which a user should never see. */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(java|javax|com\\.fasterxml|dev\\.boreal)\\.[a-z]|[A-Za-z]+(Exception|Error)\\b"
          + "|[A-Z][a-z]+[A-Z]\\w*\\.\\w+\\(");
  /** A second sentence: a period, spaces and a capital letter. */
  private static final Pattern SENTENCE_BREAK = Pattern.compile("\\.\\s+[A-Z]");

  private enum Outcome { REFUSED, IDENTICAL, CHANGED }

  /** A base file's reading: its rows' kinds and the scores that mutations which change nothing must give. */
  private record Base(byte[] file, FuzzRows rows, boolean[] kinds, double[] scores) {}

  @ParameterizedTest
  @EnumSource(FuzzFormats.class)
  void mutatedModelFilesAreRefusedCleanlyOrScoreAsTheySay(FuzzFormats format) throws Exception {
    List<Base> bases = new ArrayList<>();
    for (byte[] file : format.bases()) {
      Model model = format.read(file);
      FuzzRows rows = new FuzzRows(model, ROWS);
      ReferenceModel reference = format.reference(file);
      bases.add(new Base(file, rows, reference.categorical(), check(model, reference, format, rows)));
    }
    Random random = new Random(20_261_206L + format.ordinal());
    int[] counts = new int[Outcome.values().length];
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < MUTATIONS; i++) {
      Base base = bases.get(i % bases.size());
      StringBuilder what = new StringBuilder();
      byte[] file = i < bases.size() ? base.file() : format.mutate(base.file(), random, what);
      try {
        Outcome outcome = assertTimeoutPreemptively(LIMIT, () -> outcome(format, base, file));
        counts[outcome.ordinal()]++;
      } catch (Throwable e) {
        failures.add("mutation " + i + " (" + what + "): " + e);
        keep(format, i, file);
      }
    }
    String summary = format + ": " + MUTATIONS + " mutated files: " + counts[0] + " clean errors, " + counts[1]
        + " identical, " + counts[2] + " legitimately different, " + failures.size() + " failures";
    System.out.println(summary);
    assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())), summary);
    assertTrue(counts[0] > 0 && counts[1] > 0 && counts[2] > 0, "every outcome occurs: " + summary);
  }

  /** Keeps a failing file in {@code target/fuzz-failures} for whoever fixes the reader. */
  private static void keep(FuzzFormats format, int mutation, byte[] file) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "fuzz-failures"));
    Files.write(folder.resolve(format.name().toLowerCase(Locale.ROOT) + "-" + mutation), file);
  }

  private static Outcome outcome(FuzzFormats format, Base base, byte[] file) throws Exception {
    Model model;
    try {
      model = format.read(file);
    } catch (InputException e) {
      checkMessage(e.getMessage());
      return Outcome.REFUSED;
    }
    ReferenceModel reference = format.reference(file);
    double[] scores = check(model, reference, format, base.rows());
    boolean sameRows = Arrays.equals(reference.categorical(), base.kinds());
    return sameRows && Arrays.equals(scores, base.scores()) ? Outcome.IDENTICAL : Outcome.CHANGED;
  }

  /** One sentence that names the file, with no Java names in it. */
  private static void checkMessage(String message) {
    assertTrue(message != null && message.startsWith(FuzzFormats.SOURCE + ": ") && message.endsWith(".")
        && !message.contains("\n"), "not one sentence naming the file: " + message);
    String body = message.substring(FuzzFormats.SOURCE.length() + 2);
    assertTrue(!CLASS_NAME.matcher(body).find(), "names a Java class: " + message);
    assertTrue(!SENTENCE_BREAK.matcher(body).find(), "more than one sentence: " + message);
  }

  /**
   * Scores the rows with {@code model} and checks them against the reference reading of the same file, and
   * checks that TreeSHAP explains every row with finite values that add up to its raw score; returns the
   * scores.
   */
  private static double[] check(Model model, ReferenceModel reference, FuzzFormats format, FuzzRows rows) {
    assertEquals(reference.names(), model.featureNames(), "feature names");
    assertEquals(reference.outputs(), model.numOutputs(), "outputs");
    boolean[] kinds = reference.categorical();
    for (int f = 0; f < kinds.length; f++) {
      assertEquals(kinds[f], model.mapper(f).isCategorical(), "whether feature " + f + " is categorical");
    }
    int k = model.numOutputs();
    double[] scores = new double[rows.rows() * k];
    double[] shap = new double[k * (kinds.length + 1)];
    double[] predictions = new double[k];
    TreeShap explainer = TreeShap.of(model);
    double[] codes = format.namedCategories ? null : rows.codes(kinds);
    for (int r = 0; r < rows.rows(); r++) {
      double[] out = new double[k];
      if (format.namedCategories) {
        Map<String, Object> row = new HashMap<>();
        Object[] values = rows.named(r, kinds);
        for (int f = 0; f < kinds.length; f++) {
          row.put(model.featureNames().get(f), values[f]);
        }
        model.predictor().predictRaw(row, out);
        explainer.explainRow(row, shap);
        model.predictor().predict(row, predictions);
      } else {
        double[] row = Arrays.copyOfRange(codes, r * kinds.length, (r + 1) * kinds.length);
        model.predictor().predictRaw(row, out);
        explainer.explainRow(row, shap);
        model.predictor().predict(row, predictions);
      }
      System.arraycopy(out, 0, scores, r * k, k);
      checkPrediction(model, predictions, r);
      checkShap(shap, out, kinds.length, r);
    }
    double[] expected = reference.score(rows);
    for (int i = 0; i < scores.length; i++) {
      double tolerance = 1e-12 * Math.max(1.0, Math.abs(expected[i]));
      assertTrue(Math.abs(scores[i] - expected[i]) <= tolerance, "row " + i / k + " output " + i % k + " scores "
          + scores[i] + " but the file says " + expected[i]);
    }
    return scores;
  }

  /**
   * What a server answers for a row: finite predictions, probabilities between 0 and 1 where the link makes
   * them, and for a classifier a class label the model lists.
   */
  private static void checkPrediction(Model model, double[] predictions, int row) {
    String link = model.link().name();
    for (double p : predictions) {
      assertTrue(Double.isFinite(p), "row " + row + " predicts " + p);
      assertTrue(!(link.equals("sigmoid") || link.equals("softmax")) || (p >= 0 && p <= 1),
          "row " + row + " has probability " + p);
    }
    if (model.classes() != null) {
      int best = 0;
      for (int o = 1; o < predictions.length; o++) {
        best = predictions[o] > predictions[best] ? o : best;
      }
      int label = predictions.length == 1 ? (predictions[0] > 0.5 ? 1 : 0) : best;
      assertTrue(label < model.classes().length, "row " + row + " predicts class " + label + " but the model lists "
          + Arrays.toString(model.classes()));
    }
  }

  private static void checkShap(double[] shap, double[] raw, int features, int row) {
    for (int o = 0; o < raw.length; o++) {
      double sum = 0;
      double size = 0;
      for (int j = 0; j <= features; j++) {
        double v = shap[o * (features + 1) + j];
        assertTrue(Double.isFinite(v), "row " + row + " output " + o + " has SHAP value " + v);
        sum += v;
        size += Math.abs(v);
      }
      assertTrue(Math.abs(sum - raw[o]) <= 1e-6 * (1 + size), "row " + row + " output " + o + ": SHAP values add up "
          + "to " + sum + " but the raw score is " + raw[o]);
    }
  }
}
