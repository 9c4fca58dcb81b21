package example;

import dev.boreal.api.Boreal;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.explain.Explanation;
import dev.boreal.explain.RowExplainer;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * What a service does with Boreal: train once (here from a CSV it writes itself), save the model, then load
 * it, score a row and explain it. Prints one line per step and exits with status 1 when a result is wrong,
 * so a script can check it.
 */
public final class ScoringService {
  private ScoringService() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("boreal-example-");
    Path csv = writeTrainingData(dir.resolve("train.csv"));

    Model model;
    try (Table train = Boreal.read(csv, ReadOptions.defaults().withLabel("label"))) {
      model = Boreal.gradientBoosting().objective("binary").numIterations(50).numLeaves(7).learningRate(0.2)
          .seed(1).build().fit(train);
    }
    Path file = dir.resolve("model.json");
    Boreal.save(model, file);
    System.out.println("trained and saved " + file.getFileName() + " with features " + model.featureNames());

    // A service loads the model once and shares it, its predictor and its explainer between threads.
    Model loaded = Boreal.load(file);
    Predictor predictor = loaded.predictor();
    RowExplainer explainer = RowExplainer.of(loaded);

    double[] positive = row(loaded, 2.0, 0.0);
    double[] negative = row(loaded, -2.0, 0.0);
    double pPositive = predictor.predict(positive);
    double pNegative = predictor.predict(negative);
    System.out.printf("p(signal = 2) = %.3f, p(signal = -2) = %.3f%n", pPositive, pNegative);

    Explanation why = explainer.explain(positive, 1);
    String top = why.reasons().get(0).feature();
    double sum = why.expectedValue(0);
    for (int f = 0; f < loaded.featureNames().size(); f++) {
      sum += why.contribution(0, f);
    }
    System.out.printf("top reason: %s; expected %.3f + SHAP = raw %.3f%n", top, sum, why.raw(0));

    boolean ok = pPositive > 0.8 && pNegative < 0.2 && top.equals("signal") && Math.abs(sum - why.raw(0)) < 1e-6;
    System.out.println(ok ? "OK: scored and explained as expected" : "FAILED: unexpected scores or reasons");
    if (!ok) {
      System.exit(1);
    }
  }

  /** A row in the model's feature order. */
  private static double[] row(Model model, double signal, double noise) {
    double[] row = new double[model.numFeatures()];
    row[model.featureNames().indexOf("signal")] = signal;
    row[model.featureNames().indexOf("noise")] = noise;
    return row;
  }

  /** 2000 rows: the label is 1 when signal plus a little noise is positive; "noise" carries nothing. */
  private static Path writeTrainingData(Path file) throws IOException {
    Random random = new Random(42);
    StringBuilder csv = new StringBuilder("signal,noise,label\n");
    for (int r = 0; r < 2000; r++) {
      double signal = random.nextGaussian();
      double noise = random.nextGaussian();
      int label = signal + 0.3 * random.nextGaussian() > 0 ? 1 : 0;
      csv.append(signal).append(',').append(noise).append(',').append(label).append('\n');
    }
    return Files.writeString(file, csv);
  }
}
