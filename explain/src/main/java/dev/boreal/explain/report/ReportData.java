package dev.boreal.explain.report;

import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.explain.Importance;
import dev.boreal.explain.ReasonCodes;
import dev.boreal.engine.objective.Link;
import java.util.Arrays;
import java.util.List;

/**
 * The report's view of a {@link ReportInput}: one explained output per row, the row scores, feature order
 * by importance, a deterministic subsample for the dot plots, and value percentiles for colouring.
 *
 * <p>Which output a row explains: the only one for single-output models; for multiclass models the row's
 * predicted class (the largest raw score), the rule {@link ReasonCodes} follows too, so each dot says how a
 * feature pushed the row toward the class it was given.
 */
final class ReportData {
  /** Most rows the dot plots draw: enough to show the shape, few enough to keep the file small. */
  static final int MAX_DOTS = 2000;

  final ReportInput input;
  final TrainedModel model;
  /** The model's trees, or {@code null} for a neural net: the sections that need trees say so instead. */
  final Model trees;
  final int rows;
  final int features;
  final int outputs;
  final List<String> names;
  /** Per row, the output it explains. */
  final int[] explained;
  /** Per row, the explained output's raw score (sum of SHAP values and the expected value). */
  final double[] raw;
  /** Per row, the explained output's prediction after the link (a probability for classifiers). */
  final double[] prediction;
  /** Mean |SHAP| per output and feature over all rows, {@code [k][f]}. */
  final double[][] meanAbs;
  /** Features by total mean |SHAP| over outputs, most important first (ties by schema order). */
  final int[] order;
  /** Rows drawn in dot plots, evenly spaced through the file so the pick is deterministic. */
  final int[] sample;

  ReportData(ReportInput input) {
    this.input = input;
    this.model = input.model();
    this.trees = model instanceof Model m ? m : null;
    this.rows = input.rows();
    this.features = model.featureNames().size();
    this.outputs = model.numOutputs();
    this.names = model.featureNames();
    double[] shap = input.shap();
    int stride = features + 1;
    this.raw = new double[rows];
    this.prediction = new double[rows];
    this.meanAbs = new double[outputs][features];
    this.explained = ReasonCodes.predictedOutputs(shap, rows, outputs, features);
    double[] scores = new double[outputs];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < outputs; k++) {
        int base = (r * outputs + k) * stride;
        double sum = 0;
        for (int f = 0; f <= features; f++) {
          sum += shap[base + f];
        }
        for (int f = 0; f < features; f++) {
          meanAbs[k][f] += Math.abs(shap[base + f]);
        }
        scores[k] = sum;
      }
      raw[r] = scores[explained[r]];
      prediction[r] = predict(model.link(), scores, explained[r]);
    }
    for (double[] m : meanAbs) {
      for (int f = 0; f < features; f++) {
        m[f] /= Math.max(1, rows);
      }
    }
    this.order = importanceOrder(meanAbs, features);
    this.sample = evenSample(rows, MAX_DOTS);
  }

  /** The iteration (or, for a neural net, the epoch) whose model predicts, counted from 1. */
  int bestIteration() {
    return trees != null ? trees.bestIteration() : model instanceof MlpModel mlp ? mlp.bestEpoch() : 0;
  }

  private static double predict(Link link, double[] scores, int k) {
    if (scores.length == 1) {
      return link.apply(scores[0]);
    }
    double[] p = scores.clone();
    link.transformRow(p, 0, p.length, p);
    return p[k];
  }

  private static int[] importanceOrder(double[][] meanAbs, int features) {
    double[] total = new double[features];
    for (double[] m : meanAbs) {
      for (int f = 0; f < features; f++) {
        total[f] += m[f];
      }
    }
    return Importance.ranking(total);
  }

  /** {@code min(n, max)} rows spread evenly over {@code [0, n)}, ascending. */
  static int[] evenSample(int n, int max) {
    int m = Math.min(n, max);
    int[] out = new int[m];
    for (int j = 0; j < m; j++) {
      out[j] = (int) ((long) j * n / m);
    }
    return out;
  }

  /** The SHAP value of feature {@code f} for row {@code r}'s explained output. */
  double shap(int r, int f) {
    return input.shap()[(r * outputs + explained[r]) * (features + 1) + f];
  }

  /** The expected value (base value) of row {@code r}'s explained output. */
  double expected(int r) {
    return input.shap()[(r * outputs + explained[r]) * (features + 1) + features];
  }

  /** The values of feature {@code f}. */
  FeatureValues values(int f) {
    return input.features().get(f);
  }

  /** The class name of output {@code k} ("0", "1", ... when the model has no names). */
  String className(int k) {
    String[] classes = model.classes();
    return classes != null && k < classes.length ? classes[k] : Integer.toString(k);
  }

  /** Whether rows explain different outputs (multiclass). */
  boolean multiclass() {
    return outputs > 1;
  }

  /**
   * Colour buckets of feature {@code f}'s values over the sample, by percentile rank among the non-missing
   * values (ties share a rank), or -1 where missing. Ranks rather than raw values, so one outlier does not
   * paint every other dot blue.
   */
  int[] colorBuckets(int f) {
    FeatureValues v = values(f);
    int m = sample.length;
    int[] out = new int[m];
    double[] vals = new double[m];
    int present = 0;
    for (int j = 0; j < m; j++) {
      double x = v.value(sample[j]);
      if (Double.isNaN(x)) {
        out[j] = -1;
      } else {
        vals[present++] = x;
      }
    }
    double[] sorted = Arrays.copyOf(vals, present);
    Arrays.sort(sorted);
    for (int j = 0; j < m; j++) {
      if (out[j] == -1) {
        continue;
      }
      double x = v.value(sample[j]);
      int lo = lowerBound(sorted, x);
      int hi = lowerBound(sorted, Math.nextUp(x)) - 1;
      double rank = (lo + hi) / 2.0;
      out[j] = Svg.bucket(present <= 1 ? 0.5 : rank / (present - 1));
    }
    return out;
  }

  private static int lowerBound(double[] a, double x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** What the raw score is, for axis titles: log-odds for classifiers, log for log-link models. */
  String rawName() {
    String name = model.link().name();
    switch (name) {
      case "sigmoid":
      case "softmax":
        return "raw score (log-odds)";
      case "exp":
        return "raw score (log scale)";
      default:
        return "prediction";
    }
  }

  /** What a prediction is, for the histogram's axis. */
  String predictionName() {
    switch (model.link().name()) {
      case "sigmoid":
        return "predicted probability";
      case "softmax":
        return "probability of the predicted class";
      default:
        return "prediction";
    }
  }
}
