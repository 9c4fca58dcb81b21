package dev.boreal.engine.nn;

import dev.boreal.UsageException;
import dev.boreal.engine.Parallel;
import dev.boreal.engine.Rng;
import dev.boreal.engine.Training;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.params.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one neural-net training run ({@link MlpTrainer}), for any {@link Architecture}: the encoded
 * rows, the split into fitted and held-out rows, the parameters with their gradient and optimizer state, and
 * one {@link Architecture.Worker} and one gradient buffer per parallel block in flight. The batch loop's
 * buffers are allocated here, before the first epoch, and reused by every batch. Each {@link #step()} is one
 * epoch; the run is over after {@code max_epochs}, or once the held-out loss has not improved for
 * {@code patience} epochs.
 */
final class TrainingRun extends Training<MlpModel> {
  /** The held-out loss must fall by this fraction of its best value to count as an improvement. */
  private static final double MIN_RELATIVE_IMPROVEMENT = 1e-4;
  private static final String HOLDOUT = "holdout";

  private final MlpData train;
  private final List<MlpData> valids;
  private final Params params;
  private final MlpSettings s;
  private final Loss loss;
  private final int outputs;
  private final String[] classes;
  private final Preprocessing prep;
  private final Parallel parallel;
  private final TrainingListener listener;
  private final Architecture arch;
  private final int blockRows;
  private final boolean[] decayed;
  private final int d;
  private final double[] x;
  private final double[] target;
  /** Regression trains on standardised labels: label = shift + scale * target. */
  private final double shift;
  private final double scale;
  private final Architecture.Worker[] passes;
  private final double[][] blockGradients;
  private final int[] holdout;
  private final double[] holdoutX;
  private final double[] holdoutLabels;
  private final double[] holdoutWeights;
  private final double[] holdoutRaw;
  private final List<double[]> validX = new ArrayList<>();
  private final Metric holdoutMetric;
  private final List<Metric> metrics;
  /** The weights being trained, and those of the best epoch so far. */
  private final double[] p;
  private final double[] best;
  private final Optimizer optimizer;
  private final Batches batches;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int stale;
  private boolean over;

  TrainingRun(MlpData train, List<MlpData> valids, Params params, MlpSettings settings, Architecture arch,
      Loss loss, String[] classes, Preprocessing prep, double[] x, Parallel parallel, TrainingListener listener) {
    this.train = train;
    this.valids = valids;
    this.params = params;
    this.s = settings;
    this.loss = loss;
    this.arch = arch;
    this.outputs = arch.outputs();
    this.blockRows = arch.blockRows();
    this.decayed = arch.decayed();
    this.classes = classes;
    this.prep = prep;
    this.parallel = parallel;
    this.listener = listener;
    this.d = prep.inputs();
    this.x = x;
    double[] y = train.labels();
    this.target = y.clone();
    if (loss == Loss.SQUARED_ERROR) {
      double mean = 0;
      for (double v : y) {
        mean += v;
      }
      mean /= y.length;
      double squares = 0;
      for (double v : y) {
        squares += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(squares / y.length);
      shift = mean;
      scale = sd > 0 ? sd : 1.0;
      for (int i = 0; i < y.length; i++) {
        target[i] = (y[i] - shift) / scale;
      }
    } else {
      shift = 0;
      scale = 1;
    }
    int blocks = Math.min(arch.maxWorkers(parallel.threads()), Parallel.blockCount(settings.batchSize(), blockRows));
    this.passes = new Architecture.Worker[blocks];
    this.blockGradients = new double[blocks][arch.parameters()];
    for (int b = 0; b < blocks; b++) {
      passes[b] = arch.newWorker(blockRows);
    }
    int n = train.rows();
    int[] order = permutation(n, new Rng(s.seedOf("validation_split"), 0));
    int held = (int) Math.min(n - 1, Math.max(1, Math.round(n * s.validationFraction())));
    this.holdout = Arrays.copyOfRange(order, 0, held);
    int[] fit = Arrays.copyOfRange(order, held, n);
    // Sorted, so that the epochs' shuffles start from an order that does not depend on the split's draw.
    Arrays.sort(holdout);
    Arrays.sort(fit);
    this.holdoutX = MlpTrainer.gather(x, d, holdout);
    this.holdoutLabels = MlpTrainer.gather(train.labels(), holdout);
    this.holdoutWeights = MlpTrainer.gather(train.weights(), holdout);
    this.holdoutRaw = new double[held * arch.outputs()];
    for (MlpData v : valids) {
      validX.add(MlpTrainer.encode(prep, v.columns(), parallel));
    }
    this.holdoutMetric = Metrics.parse(MlpTrainer.holdoutMetric(loss), params.getString("objective"),
        Settings.objective(params), null).get(0);
    this.metrics = valids.isEmpty() ? List.of() : MlpTrainer.validMetrics(params);
    history().track(HOLDOUT, List.of(holdoutMetric.name()));
    List<String> names = new ArrayList<>();
    for (Metric m : metrics) {
      names.add(m.name());
    }
    for (MlpData v : valids) {
      history().track(v.name(), names);
    }
    this.p = new double[arch.parameters()];
    arch.initialise(p, s.seedOf("initialisation"));
    this.best = p.clone();
    this.optimizer = switch (s.optimizer()) {
      case "adamw" -> Optimizer.adamW(s.beta1(), s.beta2(), s.epsilon(), s.weightDecay(), decayed);
      case "adam" -> Optimizer.adam(p.length, s.beta1(), s.beta2(), s.epsilon());
      default -> Optimizer.sgd(p.length, s.momentum());
    };
    this.batches = new Batches(fit);
  }

  @Override
  public boolean step() {
    if (over || iterations() >= s.maxEpochs()) {
      over = true;
      return false;
    }
    int epoch = iterations();
    batches.epoch(p, optimizer, s.schedule().rate(s.learningRate(), epoch, s.maxEpochs()),
        new Rng(s.seedOf("shuffle"), epoch));
    int epochs = epoch + 1;
    rawScores(p, holdoutX, holdout.length, holdoutRaw);
    double value = holdoutMetric.evaluate(holdoutRaw, outputs, loss.link(), holdoutLabels, holdoutWeights, null);
    if (!Double.isFinite(value)) {
      throw new UsageException(arch.displayName() + " training diverged: the held-out " + holdoutMetric.name()
          + " is " + value + " after epoch " + epochs + "; lower learning_rate.");
    }
    history().record(epoch, HOLDOUT, holdoutMetric.name(), value);
    List<TrainingListener.Evaluation> evals = new ArrayList<>();
    evals.add(new TrainingListener.Evaluation(HOLDOUT, holdoutMetric.name(), value));
    evaluateValids(epoch, evals);
    added();
    listener.onIteration(epochs, s.maxEpochs(), evals);
    if (value < bestLoss - MIN_RELATIVE_IMPROVEMENT * Math.abs(bestLoss) || bestEpoch == 0) {
      bestLoss = value;
      bestEpoch = epochs;
      System.arraycopy(p, 0, best, 0, p.length);
      stale = 0;
    } else if (++stale >= s.patience()) {
      over = true;
    }
    return true;
  }

  /** The network with the weights of the best epoch so far (the initial ones before any epoch). */
  @Override
  public MlpModel finish() {
    NeuralNet network = arch.trained(loss, best);
    return new MlpModel(params.getString("objective"), classes, prep, network, shift, scale, iterations(),
        bestEpoch, MlpSettings.effectiveParams(params).toCanonicalMap(), history().toMap(iterations()));
  }

  private void evaluateValids(int epoch, List<TrainingListener.Evaluation> evals) {
    for (int v = 0; v < valids.size(); v++) {
      MlpData valid = valids.get(v);
      double[] raw = new double[valid.rows() * outputs];
      rawScores(p, validX.get(v), valid.rows(), raw);
      for (Metric m : metrics) {
        double value = m.evaluate(raw, outputs, loss.link(), valid.labels(), valid.weights(), valid.groupSizes());
        history().record(epoch, valid.name(), m.name(), value);
        evals.add(new TrainingListener.Evaluation(valid.name(), m.name(), value));
      }
    }
  }

  /**
   * Raw scores of encoded rows, output-major ({@code k * rows + row}) as metrics read them, in chunks of one
   * batch whose blocks run in parallel on the blocks' passes.
   */
  private void rawScores(double[] p, double[] rowsX, int rows, double[] out) {
    int chunk = passes.length * blockRows;
    for (int start = 0; start < rows; start += chunk) {
      int first = start;
      parallel.forBlocks(Math.min(chunk, rows - start), blockRows, (b, from, to) -> {
        Architecture.Worker pass = passes[b];
        int count = to - from;
        pass.forward(p, rowsX, (first + from) * d, count);
        double[] logits = pass.logits();
        for (int r = 0; r < count; r++) {
          for (int k = 0; k < outputs; k++) {
            out[k * rows + first + from + r] = shift + scale * logits[r * outputs + k];
          }
        }
      });
    }
  }

  /** A random permutation of {@code 0 .. n-1} (Fisher–Yates). */
  static int[] permutation(int n, Rng rng) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    shuffle(order, rng);
    return order;
  }

  static void shuffle(int[] a, Rng rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** The mini-batch loop over the fitted rows, with its batch buffers. */
  private final class Batches {
    private final int[] rows;
    private final double[] batchX;
    private final double[] batchTarget;
    private final double[] batchScale;
    private final double[] gradient;
    private long step;

    Batches(int[] fitRows) {
      this.rows = fitRows.clone();
      int b = s.batchSize();
      this.batchX = new double[b * d];
      this.batchTarget = new double[b];
      this.batchScale = new double[b];
      this.gradient = new double[arch.parameters()];
    }

    /** One epoch: shuffle, then one optimizer step per batch. */
    void epoch(double[] p, Optimizer optimizer, double rate, Rng shuffleRng) {
      shuffle(rows, shuffleRng);
      double[] weights = train.weights();
      int size = s.batchSize();
      for (int start = 0; start < rows.length; start += size) {
        int count = Math.min(size, rows.length - start);
        double total = 0;
        for (int r = 0; r < count; r++) {
          int src = rows[start + r];
          System.arraycopy(x, src * d, batchX, r * d, d);
          batchTarget[r] = target[src];
          batchScale[r] = weights == null ? 1.0 : weights[src];
          total += batchScale[r];
        }
        if (!(total > 0)) {
          continue;
        }
        for (int r = 0; r < count; r++) {
          batchScale[r] /= total;
        }
        step(p, optimizer, rate, count);
      }
    }

    private void step(double[] p, Optimizer optimizer, double rate, int count) {
      long thisStep = step++;
      long dropoutSeed = s.seedOf("dropout");
      boolean dropout = arch.dropsOut();
      Arrays.fill(gradient, 0.0);
      // At most passes.length blocks at a time, so memory stays bounded for any batch size; the chunks and
      // the blocks within them are added in order, so the sum does not depend on the thread count.
      int rowsPerChunk = passes.length * blockRows;
      for (int first = 0; first < count; first += rowsPerChunk) {
        int start = first;
        int rows = Math.min(rowsPerChunk, count - first);
        parallel.forBlocks(rows, blockRows, (b, from, to) -> {
          double[] g = blockGradients[b];
          Arrays.fill(g, 0.0);
          Rng rng = dropout ? new Rng(dropoutSeed, Rng.mix(thisStep, start + from)) : null;
          passes[b].gradient(p, batchX, (start + from) * d, to - from, loss, batchTarget, batchScale,
              start + from, g, rng);
        });
        for (int b = 0, blocks = Parallel.blockCount(rows, blockRows); b < blocks; b++) {
          double[] g = blockGradients[b];
          for (int i = 0; i < gradient.length; i++) {
            gradient[i] += g[i];
          }
        }
      }
      double decay = s.weightDecay() / count;
      if (decay > 0 && !optimizer.decouplesDecay()) {
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] += decayed[i] ? decay * p[i] : 0.0;
        }
      }
      optimizer.step(p, gradient, rate);
    }
  }
}
