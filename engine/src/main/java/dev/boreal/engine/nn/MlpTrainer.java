package dev.boreal.engine.nn;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.Training;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a neural net, the multilayer perceptron ({@code boosting=mlp}, optionally with periodic numeric
 * embeddings) or the FT-Transformer ({@code boosting=ft-transformer}): learns the preprocessing (standardised
 * inputs for the MLP, quantile-normalised for the transformer), encodes the training rows once into a dense
 * input matrix, holds out {@code validation_fraction} of them, and runs mini-batch epochs until the
 * held-out loss has not improved for {@code patience} epochs or {@code max_epochs} is reached; the model
 * keeps the weights of the best epoch.
 *
 * <p>Each batch is cut into fixed blocks of rows (the architecture's {@link Architecture#blockRows()}); the
 * blocks' forward and backward passes run in parallel, each into its own gradient buffer, and the buffers are
 * added to the batch's gradient one by one in block order. Dropout masks are drawn from a generator seeded by
 * the step and the block's first row. So the same data, parameters and seed give bit-identical weights for
 * any thread count.
 */
public final class MlpTrainer {
  /** Rows per block when encoding the training columns. */
  private static final int ENCODE_BLOCK = 4096;

  private MlpTrainer() {}

  /**
   * Trains an MLP with the objective and MLP parameters the table holds.
   *
   * @param train the training rows, features in schema order
   * @param valids further sets whose metrics are recorded after every epoch (they do not steer training)
   * @param params validated parameters ({@code objective}, the MLP group, {@code learning_rate}, {@code seed},
   *     {@code num_threads}, {@code metric}, and the binning parameters, which choose the one-hot categories)
   * @param classes class labels of a classifier (index = encoded label), or {@code null}
   * @param listener hears each epoch
   * @throws UsageException for an objective the MLP does not support
   * @throws InputException for labels or weights it cannot train on, or a training set below 2 rows
   */
  public static MlpModel train(MlpData train, List<MlpData> valids, Params params, String[] classes,
      TrainingListener listener) {
    try (Parallel parallel = new Parallel(Settings.threads(params))) {
      Training<MlpModel> run = start(train, valids, params, classes, listener, parallel);
      while (run.step()) {
        // Each step is one epoch; the run stops on its hold-out's patience.
      }
      return run.finish();
    }
  }

  /**
   * An MLP run on the caller's team, an epoch per step: the preprocessing is learned and the rows encoded
   * here, before the first epoch. See {@link #train} for the arguments and what is thrown.
   *
   * @param parallel the run's threads; the caller closes them after {@link Training#finish()}
   */
  public static Training<MlpModel> start(MlpData train, List<MlpData> valids, Params params, String[] classes,
      TrainingListener listener, Parallel parallel) {
    String objective = params.getString("objective");
    Loss loss = Loss.forObjective(objective);
    int outputs = outputs(loss, classes, params);
    checkLabels(train, loss, outputs);
    MlpSettings settings = MlpSettings.of(params);
    boolean transformer = params.getString("boosting").equals(MlpSettings.FT_TRANSFORMER);
    List<BinMapper> mappers = schema(train, params);
    Preprocessing prep = Preprocessing.fit(train.columns(), mappers, transformer, parallel);
    double[] x = encode(prep, train.columns(), parallel);
    Architecture arch = transformer ? transformer(prep, MlpSettings.effectiveParams(params), settings, outputs)
        : perceptron(prep, settings, outputs);
    return new TrainingRun(train, valids, params, settings, arch, loss, classes, prep, x, parallel, listener);
  }

  /** The MLP of the settings: the hidden layers, behind periodic embeddings when they are on. */
  private static Perceptron perceptron(Preprocessing prep, MlpSettings s, int outputs) {
    boolean[] numeric = prep.numericValueInputs();
    int embedded = 0;
    for (boolean n : numeric) {
      embedded += n && s.frequencies() > 0 ? 1 : 0;
    }
    int[] columns = new int[embedded];
    for (int i = 0, at = 0; at < embedded; i++) {
      if (numeric[i]) {
        columns[at++] = i;
      }
    }
    int[] sizes = new int[s.hidden().length + 2];
    sizes[0] = Perceptron.firstLayerInputs(prep.inputs(), embedded, s.embeddingWidth());
    System.arraycopy(s.hidden(), 0, sizes, 1, s.hidden().length);
    sizes[sizes.length - 1] = outputs;
    Layout layout = new Layout(sizes);
    PeriodicEmbedding e = embedded == 0 ? null
        : new PeriodicEmbedding(columns, s.frequencies(), s.embeddingWidth(), layout.total());
    return new Perceptron(layout, s.activation(), s.dropout(), e, s.plrSigma(), prep.inputs());
  }

  /** The FT-Transformer of the (effective) parameters; its feed-forward is 4/3 as wide as its tokens. */
  private static FtTransformer transformer(Preprocessing prep, Params e, MlpSettings s, int outputs) {
    int d = e.getInt("d_token");
    return new FtTransformer(prep.featureOfInputs(), prep.numericValueInputs(), prep.names().size(),
        e.getInt("n_blocks"), d, e.getInt("n_heads"), d * 4 / 3, outputs, e.getDouble("attention_dropout"),
        e.getDouble("ffn_dropout"), s.frequencies(), s.plrSigma());
  }

  private static int outputs(Loss loss, String[] classes, Params params) {
    if (loss != Loss.CROSS_ENTROPY) {
      return 1;
    }
    int k = classes != null ? classes.length : params.getInt("num_class");
    if (k < 2) {
      throw new UsageException("num_class must be at least 2 for multiclass, got " + k + ".");
    }
    return k;
  }

  private static void checkLabels(MlpData data, Loss loss, int outputs) {
    if (data.rows() < 2) {
      throw new InputException(data.name() + ": the mlp needs at least 2 training rows (one is held out for "
          + "early stopping), but there are " + data.rows() + ".");
    }
    double[] y = data.labels();
    for (int i = 0; i < y.length; i++) {
      boolean ok = loss == Loss.SQUARED_ERROR ? Double.isFinite(y[i])
          : loss == Loss.BINARY_CROSS_ENTROPY ? y[i] == 0 || y[i] == 1 : y[i] == (int) y[i] && y[i] >= 0
              && y[i] < outputs;
      if (!ok) {
        throw new InputException(data.name() + ": the encoded label at row " + i + " is " + y[i] + ", which "
            + loss.key() + " cannot train on.");
      }
    }
    double[] w = data.weights();
    if (w != null) {
      for (int i = 0; i < w.length; i++) {
        if (!(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
          throw new InputException(data.name() + ": the sample weight at row " + i + " is " + w[i]
              + "; weights must be finite and not negative.");
        }
      }
    }
  }

  /**
   * The feature schema: a plain numeric mapper per numeric feature, and per categorical feature the
   * mapper binning would learn, whose frequent categories are the ones one-hot encoded.
   */
  private static List<BinMapper> schema(MlpData train, Params params) {
    List<FeatureColumn> categorical = new ArrayList<>();
    for (FeatureColumn c : train.columns()) {
      if (c.isCategorical()) {
        categorical.add(c);
      }
    }
    List<BinMapper> learned = categorical.isEmpty() ? List.of()
        : BinnedData.fit(categorical, null, Settings.binning(params)).mappers();
    BinMapper numeric = BinMapper.ofNumeric(new double[] {Double.POSITIVE_INFINITY}, false);
    List<BinMapper> mappers = new ArrayList<>();
    int next = 0;
    for (FeatureColumn c : train.columns()) {
      mappers.add(c.isCategorical() ? learned.get(next++) : numeric);
    }
    return mappers;
  }

  /** Every row of the columns as network inputs, row-major; fixed blocks of rows in parallel. */
  static double[] encode(Preprocessing prep, List<FeatureColumn> columns, Parallel parallel) {
    ColumnEncoder first = prep.encoder(columns);
    int rows = first.rows();
    long size = (long) rows * prep.inputs();
    if (size > Integer.MAX_VALUE - 8) {
      throw new InputException(rows + " rows of " + prep.inputs() + " network inputs are more than one array "
          + "holds; train the mlp on fewer rows.");
    }
    double[] x = new double[(int) size];
    int d = prep.inputs();
    parallel.forBlocks(rows, ENCODE_BLOCK, (b, from, to) -> prep.encoder(columns).encode(from, to, x, from * d));
    return x;
  }

  /** Metric names of the held-out loss, by loss. */
  static String holdoutMetric(Loss loss) {
    switch (loss) {
      case SQUARED_ERROR: return "l2";
      case BINARY_CROSS_ENTROPY: return "binary_logloss";
      default: return "multi_logloss";
    }
  }

  /** Rows {@code rows} of a row-major matrix of width {@code d}, gathered in order. */
  static double[] gather(double[] x, int d, int[] rows) {
    double[] out = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(x, rows[i] * d, out, i * d, d);
    }
    return out;
  }

  /** Values at {@code rows}, or null when {@code values} is null. */
  static double[] gather(double[] values, int[] rows) {
    if (values == null) {
      return null;
    }
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  /** The metrics recorded for further sets: the {@code metric} parameter, or the objective's default. */
  static List<Metric> validMetrics(Params params) {
    return Metrics.parse(params.getString("metric"), params.getString("objective"), Settings.objective(params),
        params.getIntList("eval_at"));
  }
}
