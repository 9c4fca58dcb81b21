package dev.boreal.engine.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boreal.engine.objective.Link;
import dev.boreal.engine.objective.ObjectiveSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pointwise and multiclass metrics against values worked out by hand. */
class MetricValuesTest {
  private static final ObjectiveSettings S = ObjectiveSettings.defaults().withAlpha(0.8)
      .withTweedieVariancePower(1.5);

  private static double eval(String name, double[] raw, Link link, double[] y, double[] w) {
    List<Metric> m = Metrics.parse(name, "regression", S, null);
    return m.get(0).evaluate(raw, 1, link, y, w, null);
  }

  @Test
  void regressionMetrics() {
    double[] y = {1, 2, 4};
    double[] p = {2, 2, 1}; // errors 1, 0, -3
    double[] w = {1, 1, 2};
    assertEquals(10.0 / 3, eval("l2", p, Link.IDENTITY, y, null), 1e-12);
    assertEquals((1 + 0 + 18) / 4.0, eval("mse", p, Link.IDENTITY, y, w), 1e-12);
    assertEquals(Math.sqrt(19 / 4.0), eval("rmse", p, Link.IDENTITY, y, w), 1e-12);
    assertEquals(4.0 / 3, eval("mae", p, Link.IDENTITY, y, null), 1e-12);
    // huber delta 0.8: 0.8·(1 - 0.4) = 0.48, 0, 0.8·(3 - 0.4) = 2.08
    assertEquals((0.48 + 2.08) / 3, eval("huber", p, Link.IDENTITY, y, null), 1e-12);
    // quantile 0.8: over-prediction by 1 costs 0.2, under-prediction by 3 costs 2.4
    assertEquals((0.2 + 2.4) / 3, eval("quantile", p, Link.IDENTITY, y, null), 1e-12);
    double[] target = {1, 2, 3};
    // residuals 1, 0, 2 against deviations -1, 0, 1 from the mean 2
    assertEquals(1 - 5 / 2.0, eval("r2", p, Link.IDENTITY, target, null), 1e-12);
    assertEquals(1.0, eval("r2", target, Link.IDENTITY, target, null), 0.0);
  }

  @Test
  void logLinkMetricsReadMeansThroughTheLink() {
    double[] y = {1, 3};
    double[] mu = {2, 0.5};
    double[] raw = {Math.log(2), Math.log(0.5)};
    assertEquals(((2 - Math.log(2)) + (0.5 - 3 * Math.log(0.5))) / 2, eval("poisson", raw, Link.EXP, y, null), 1e-12);
    assertEquals((1 / 2.0 + Math.log(2) + 3 / 0.5 + Math.log(0.5)) / 2, eval("gamma", raw, Link.EXP, y, null), 1e-12);
    double dev = 0;
    for (int i = 0; i < 2; i++) {
      double t = y[i] / (mu[i] + 1e-9);
      dev += t - Math.log(t) - 1;
    }
    assertEquals(2 * dev, eval("gamma_deviance", raw, Link.EXP, y, null), 1e-12);
    double tw = 0;
    for (int i = 0; i < 2; i++) {
      tw += -y[i] * Math.pow(mu[i], -0.5) / -0.5 + Math.pow(mu[i], 0.5) / 0.5;
    }
    assertEquals(tw / 2, eval("tweedie", raw, Link.EXP, y, null), 1e-12);
  }

  @Test
  void binaryMetricsUseProbabilities() {
    double[] y = {1, 0, 1, 0};
    double[] prob = {0.9, 0.2, 0.4, 0.5};
    double[] raw = new double[4];
    for (int i = 0; i < 4; i++) {
      raw[i] = Math.log(prob[i] / (1 - prob[i]));
    }
    double ll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.5)) / 4;
    assertEquals(ll, eval("logloss", raw, Link.sigmoid(1), y, null), 1e-12);
    // p ≤ 0.5 predicts negative: only the positive at 0.4 is wrong; the negative at 0.5 is right
    assertEquals(0.25, eval("error", raw, Link.sigmoid(1), y, null), 1e-12);
    assertEquals(2 / 4.5, eval("binary_error", raw, Link.sigmoid(1), y, new double[] {1, 1, 2, 0.5}), 1e-12);
  }

  @Test
  void multiclassMetrics() {
    int k = 3;
    double[] raw = {0, 2, 0, 2, 0, 0}; // row 0: 0, 0, 0 (a tie); row 1: 2, 2, 0
    double[] y = {1, 2};
    Metric logloss = Metrics.parse("multi_logloss", "multiclass", S, null).get(0);
    double p1 = Math.exp(0) / (2 * Math.exp(2) + 1);
    assertEquals((Math.log(3) - Math.log(p1)) / 2, logloss.evaluate(raw, 3, Link.SOFTMAX, y, null, null), 1e-12);
    Metric error = Metrics.parse("multi_error", "multiclass", S, null).get(0);
    assertEquals(1.0, error.evaluate(raw, 3, Link.SOFTMAX, y, null, null), 0.0); // a tie counts as an error
    double[] clear = {0, 3, 1, 2, 0, 0}; // row 0: 0, 1, 0; row 1: 3, 2, 0
    assertEquals(0.0, error.evaluate(clear, k, Link.SOFTMAX, new double[] {1, 0}, null, null), 0.0);
    assertEquals(0.25, error.evaluate(clear, k, Link.SOFTMAX, new double[] {0, 0}, new double[] {1, 3}, null), 0.0);
  }
}
