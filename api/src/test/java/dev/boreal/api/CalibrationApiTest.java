package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.model.Model;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Boreal#calibrate}: the calibrated model predicts through its map, also once saved and loaded. */
class CalibrationApiTest {
  @TempDir
  Path dir;

  @Test
  void aCalibratedModelPredictsThroughItsMapAfterSaveAndLoad() throws IOException {
    Path file = dir.resolve("train.csv");
    SyntheticData.writeCsv(file, 2000, 3);
    Model model;
    try (Table t = Boreal.read(file, ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(1))) {
      model = Boreal.gradientBoosting().objective("binary").numIterations(20).threads(1).build().fit(t);
    }
    int f = model.numFeatures();
    int rows = 400;
    SplittableRandom random = new SplittableRandom(5);
    double[] x = new double[rows * f];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % f == f - 1 ? Double.NaN : random.nextDouble() * 3;
    }
    double[] margins = new double[rows];
    model.predictRaw(x, rows, margins);
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = random.nextDouble() < 1 / (1 + Math.exp(-0.5 * margins[r])) ? 1 : 0;
    }
    Model calibrated = Boreal.calibrate(model, margins, labels, "platt");
    Path saved = dir.resolve("calibrated.json");
    Boreal.save(calibrated, saved);
    Model loaded = Boreal.load(saved);
    double[] p = new double[rows];
    loaded.predictor().predict(x, rows, p);
    double[] raw = new double[rows];
    loaded.predictRaw(x, rows, raw);
    for (int r = 0; r < rows; r++) {
      assertEquals(margins[r], raw[r], 0.0, "raw margins unchanged");
      assertEquals(loaded.link().calibration().probability(margins[r]), p[r], 0.0);
    }

    assertEquals("unknown calibration method 'x'; expected one of auto, platt, isotonic, temperature, beta, "
        + "venn-abers.", assertThrows(UsageException.class,
            () -> Boreal.calibrate(model, margins, labels, "x")).getMessage());
    int[] ones = new int[rows];
    java.util.Arrays.fill(ones, 1);
    assertEquals("the calibration rows: has no row of class '" + model.classes()[0] + "'; calibration needs rows "
        + "of both classes the model predicts (" + String.join(", ", model.classes()) + ").",
        assertThrows(InputException.class, () -> Boreal.calibrate(model, margins, ones, "auto")).getMessage());
  }
}
