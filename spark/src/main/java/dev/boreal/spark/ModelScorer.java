package dev.boreal.spark;

import dev.boreal.engine.model.Model;
import dev.boreal.explain.TreeShap;
import dev.boreal.engine.model.Predictor;
import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;

/**
 * The Boreal model inside a Spark model: the bytes of its model file travel to the executors with the Spark
 * model, and each JVM compiles its {@link Predictor} once, on first use. Thread-safe.
 */
final class ModelScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private transient volatile Model model;
  private transient volatile Predictor predictor;
  private transient volatile TreeShap shap;

  ModelScorer(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  byte[] bytes() {
    return bytes.clone();
  }

  Model model() {
    Model m = model;
    if (m == null) {
      m = ModelBytes.model(bytes);
      model = m;
    }
    return m;
  }

  Predictor predictor() {
    Predictor p = predictor;
    if (p == null) {
      p = model().predictor();
      predictor = p;
    }
    return p;
  }

  /** Raw scores (margins) of one row, one per output. */
  double[] raw(Vector features) {
    Predictor p = predictor();
    double[] out = new double[p.numOutputs()];
    p.predictRaw(features.toArray(), out);
    return out;
  }

  /** SHAP values of one row: per output the features' contributions, then the bias. */
  double[] contributions(Vector features) {
    TreeShap s = shap;
    if (s == null) {
      s = TreeShap.of(model());
      shap = s;
    }
    double[] out = new double[s.numOutputs() * (s.numFeatures() + 1)];
    s.explainRow(features.toArray(), out);
    return out;
  }

  /** Applies the model's link to raw scores in place. */
  void link(double[] raw) {
    model().link().transformRow(raw, 0, raw.length, raw);
  }
}
