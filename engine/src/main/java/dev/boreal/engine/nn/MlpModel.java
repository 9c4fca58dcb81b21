package dev.boreal.engine.nn;

import dev.boreal.InputException;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained neural net, a multilayer perceptron ({@link Network}) or an FT-Transformer ({@link Transformer}):
 * its preprocessing, its network and what training recorded. Immutable
 * and safe to share between threads; prediction allocates its buffers once per call.
 *
 * <p>The raw score of output k is {@code outputShift + outputScale * logit_k}: a regression network is
 * trained on standardised labels, and the shift and scale (the training labels' mean and standard
 * deviation) bring its outputs back to label units; classifiers have shift 0 and scale 1.
 */
public final class MlpModel implements TrainedModel {
  /** Rows per forward block in prediction. */
  private static final int BLOCK = 128;

  private final String objective;
  private final String[] classes;
  private final Preprocessing preprocessing;
  private final NeuralNet network;
  private final double outputShift;
  private final double outputScale;
  private final int epochs;
  private final int bestEpoch;
  private final Map<String, String> params;
  private final Map<String, Map<String, double[]>> evalHistory;

  /**
   * A model from its parts; maps and arrays are copied.
   *
   * @param objective the objective's canonical name
   * @param classes class labels of a classifier, or {@code null}
   * @param preprocessing the feature schema and input encoding
   * @param network the trained network; its inputs must match the preprocessing
   * @param outputShift added to every scaled logit
   * @param outputScale multiplies every logit
   * @param epochs epochs trained
   * @param bestEpoch the epoch whose weights the model keeps (1-based)
   * @param params the canonical training parameters
   * @param evalHistory data-set name → metric name → value after each epoch
   * @throws IllegalArgumentException if the parts disagree
   */
  public MlpModel(String objective, String[] classes, Preprocessing preprocessing, NeuralNet network,
      double outputShift, double outputScale, int epochs, int bestEpoch, Map<String, String> params,
      Map<String, Map<String, double[]>> evalHistory) {
    if (network.numInputs() != preprocessing.inputs()) {
      throw new IllegalArgumentException("the network takes " + network.numInputs()
          + " inputs but the preprocessing makes " + preprocessing.inputs());
    }
    if (!Double.isFinite(outputShift) || !(outputScale > 0) || !Double.isFinite(outputScale)) {
      throw new IllegalArgumentException("output shift " + outputShift + " and scale " + outputScale
          + " must be finite, the scale positive");
    }
    if (bestEpoch < 0 || bestEpoch > epochs) {
      throw new IllegalArgumentException("best epoch " + bestEpoch + " is outside 0.." + epochs);
    }
    Loss expected;
    try {
      expected = Loss.forObjective(objective);
    } catch (dev.boreal.UsageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (expected != network.loss()) {
      throw new IllegalArgumentException("objective " + objective + " trains under " + expected.key()
          + ", but the network uses " + network.loss().key());
    }
    this.objective = objective;
    this.classes = classes == null ? null : classes.clone();
    this.preprocessing = preprocessing;
    this.network = network;
    this.outputShift = outputShift;
    this.outputScale = outputScale;
    this.epochs = epochs;
    this.bestEpoch = bestEpoch;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    Map<String, Map<String, double[]>> history = new LinkedHashMap<>();
    evalHistory.forEach((set, metrics) -> {
      Map<String, double[]> copy = new LinkedHashMap<>();
      metrics.forEach((metric, values) -> copy.put(metric, values.clone()));
      history.put(set, Collections.unmodifiableMap(copy));
    });
    this.evalHistory = Collections.unmodifiableMap(history);
  }

  @Override
  public String algorithm() {
    return network instanceof Transformer ? MlpSettings.FT_TRANSFORMER : "mlp";
  }

  @Override
  public String objective() {
    return objective;
  }

  @Override
  public Link link() {
    return network.loss().link();
  }

  @Override
  public List<String> featureNames() {
    return preprocessing.names();
  }

  @Override
  public List<BinMapper> mappers() {
    return preprocessing.mappers();
  }

  @Override
  public String[] classes() {
    return classes == null ? null : classes.clone();
  }

  @Override
  public int numOutputs() {
    return network.numOutputs();
  }

  @Override
  public Map<String, String> params() {
    return params;
  }

  @Override
  public Map<String, Map<String, double[]>> evalHistory() {
    return evalHistory;
  }

  /** How raw features become network inputs. */
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /** The network: a {@link Network} (mlp) or a {@link Transformer} (ft-transformer). */
  public NeuralNet network() {
    return network;
  }

  /** Added to every scaled logit (the training labels' mean for regression, else 0). */
  public double outputShift() {
    return outputShift;
  }

  /** Multiplies every logit (the training labels' standard deviation for regression, else 1). */
  public double outputScale() {
    return outputScale;
  }

  /** Epochs trained. */
  public int epochs() {
    return epochs;
  }

  /** The epoch whose weights the model keeps: the best on the held-out rows (1-based). */
  public int bestEpoch() {
    return bestEpoch;
  }

  @Override
  public void predictRaw(List<FeatureColumn> columns, double[] outRowMajor) {
    ColumnEncoder encoder = preprocessing.encoder(columns);
    int rows = encoder.rows();
    checkOut(outRowMajor, rows);
    Architecture.Worker pass = network.newWorker(BLOCK);
    double[] inputs = new double[BLOCK * preprocessing.inputs()];
    for (int from = 0; from < rows; from += BLOCK) {
      int n = Math.min(BLOCK, rows - from);
      encoder.encode(from, from + n, inputs, 0);
      score(pass, inputs, n, outRowMajor, from);
    }
  }

  @Override
  public void predictRaw(double[] rowMajor, int rows, double[] out) {
    predictRows(rowMajor, rows, out, false);
  }

  /**
   * Raw scores of a row-major batch in schema order in which a categorical feature holds the index of its
   * category in {@code mappers().get(f).categories()}; any other value (NaN, -1, a fraction, an index past
   * the end) is a rare, unseen or missing category. Numeric features hold values, NaN missing. This is the
   * form a model-agnostic explainer perturbs rows in: every category is a number, whatever its name.
   *
   * @param rowMajor {@code rows * featureNames().size()} values
   * @param out receives {@code rows * numOutputs()} raw scores, row-major
   */
  public void predictRawByCategoryIndex(double[] rowMajor, int rows, double[] out) {
    predictRows(rowMajor, rows, out, true);
  }

  private void predictRows(double[] rowMajor, int rows, double[] out, boolean byIndex) {
    int f = preprocessing.names().size();
    if (rowMajor == null || rows < 0 || rowMajor.length < (long) rows * f) {
      throw new InputException(rows + " rows of " + f + " features need " + (long) rows * f + " values, but "
          + (rowMajor == null ? "null" : rowMajor.length + " values") + " were given.");
    }
    checkOut(out, rows);
    Architecture.Worker pass = network.newWorker(BLOCK);
    double[] inputs = new double[BLOCK * preprocessing.inputs()];
    for (int from = 0; from < rows; from += BLOCK) {
      int n = Math.min(BLOCK, rows - from);
      preprocessing.encodeRows(rowMajor, from * f, n, inputs, byIndex);
      score(pass, inputs, n, out, from);
    }
  }

  /** Runs the network on {@code n} encoded rows and writes their raw scores from row {@code firstRow}. */
  private void score(Architecture.Worker pass, double[] inputs, int n, double[] out, int firstRow) {
    pass.forward(network.params(), inputs, 0, n);
    double[] logits = pass.logits();
    int k = network.numOutputs();
    int at = firstRow * k;
    for (int i = 0; i < n * k; i++) {
      out[at + i] = outputShift + outputScale * logits[i];
    }
  }

  private void checkOut(double[] out, int rows) {
    if (out.length < (long) rows * numOutputs()) {
      throw new IllegalArgumentException(rows + " rows need " + (long) rows * numOutputs()
          + " outputs, but out holds " + out.length);
    }
  }
}
