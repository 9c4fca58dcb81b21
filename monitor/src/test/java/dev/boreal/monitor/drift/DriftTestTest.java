package dev.boreal.monitor.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The drift verdict's two promises: it finds a small real shift (power), and it rarely calls a feature drifted
 * when the new rows come from the reference's population (false alarms), at small and large sample sizes.
 */
class DriftTestTest {
  private static final String[] CATEGORIES = {"a", "b", "c", "d", "e", "f", "g", "h"};
  private static final double[] CATEGORY_P = {0.3, 0.2, 0.15, 0.12, 0.1, 0.08, 0.03, 0.02};
  /** Named by the model: the two rarest categories fall in the unseen cell, as rare training categories do. */
  private static final BinMapper CATEGORY_MAPPER = BinMapper.ofCategorical(Arrays.copyOf(CATEGORIES, 6), false);

  /** Numeric features 0..3 standard normal (feature 2 with 5% missing), feature 4 categorical. */
  private static final int FEATURES = 5;

  @Test
  void aFifthOfAStandardDeviationShiftInOneFeatureIsFoundInAlmostEverySeed() {
    int seeds = 20;
    int[] flagged = new int[FEATURES];
    for (int seed = 0; seed < seeds; seed++) {
      SplittableRandom rng = new SplittableRandom(1000 + seed);
      List<double[]> train = normalColumns(rng, 10_000, 0.0);
      List<String> trainCategories = categories(rng, 10_000);
      List<BinMapper> mappers = quantileMappers(train);
      DriftProfile profile = profile(mappers, train, trainCategories, uniform(rng, 10_000));
      List<double[]> fresh = normalColumns(rng, 10_000, 0.0);
      for (int r = 0; r < 10_000; r++) {
        fresh.get(0)[r] += 0.2;
      }
      DriftReport report = DriftTest.of(profile, mappers).compare(counts(mappers, profile, fresh,
          categories(rng, 10_000)), profile.predictions().countsOf(uniform(rng, 10_000)), null);
      for (FeatureDrift f : report.features()) {
        flagged[Integer.parseInt(f.name().substring(1))] += f.drift() ? 1 : 0;
      }
    }
    System.out.println("flagged per feature over " + seeds + " seeds: " + Arrays.toString(flagged));
    assertTrue(flagged[0] >= 0.95 * seeds, "shifted feature flagged in " + flagged[0] + " of " + seeds);
    for (int f = 1; f < FEATURES; f++) {
      assertTrue(flagged[f] < 0.95 * seeds, "feature " + f + " flagged in " + flagged[f] + " of " + seeds);
    }
  }

  @Test
  void aWeightedReferenceIsResampledAtItsEffectiveSizeNotItsTotalWeight() {
    BinMapper colours = BinMapper.ofCategorical(new String[] {"red"}, false, false);
    ScoreHistogram scores = new ScoreHistogram(new double[] {0.5}, new double[] {100, 150, 0});
    // Weighted: total weight 1,000, Kish effective size 250, shares 0.2 / 0.6 / 0.2.
    DriftProfile weighted = new DriftProfile(List.of("c"),
        List.of(new FeatureCounts(new double[] {200, 600, 200}, 0, 0, Double.NaN, Double.NaN)),
        new ScoreHistogram(new double[] {0.5}, new double[] {400, 600, 0}), null, 0, 250);
    DriftProfile unweighted = new DriftProfile(List.of("c"),
        List.of(new FeatureCounts(new long[] {50, 150, 50}, 0, 0, Double.NaN, Double.NaN)), scores, null, 0);
    DriftProfile total = new DriftProfile(List.of("c"),
        List.of(new FeatureCounts(new long[] {200, 600, 200}, 0, 0, Double.NaN, Double.NaN)),
        new ScoreHistogram(new double[] {0.5}, new long[] {400, 600, 0}), null, 0);
    assertEquals(0.25, weighted.designFactor(), 0.0);
    for (long n : new long[] {500, 5_000}) {
      DriftTest w = DriftTest.of(weighted, List.of(colours));
      assertEquals(DriftTest.of(unweighted, List.of(colours)).thresholds(0, n), w.thresholds(0, n));
      assertEquals(DriftTest.of(unweighted, List.of(colours)).thresholds(DriftTest.PREDICTION, n),
          w.thresholds(DriftTest.PREDICTION, n));
      assertTrue(w.thresholds(0, n).psi() > DriftTest.of(total, List.of(colours)).thresholds(0, n).psi(),
          "the fewer effective rows, the noisier the reference and the higher the threshold");
    }
  }

  @Test
  void thresholdsAreDrawnAtTheSizeRoundedDownToTwoDigitsAndSharedByNearbySizes() {
    assertEquals(99, DriftTest.drawnSize(99));
    assertEquals(530, DriftTest.drawnSize(537));
    assertEquals(10_000, DriftTest.drawnSize(10_999));
    assertEquals(99_000, DriftTest.drawnSize(99_999));
    SplittableRandom rng = new SplittableRandom(7);
    List<double[]> train = normalColumns(rng, 2_000, 0.0);
    List<BinMapper> mappers = quantileMappers(train);
    DriftTest test = DriftTest.of(profile(mappers, train, categories(rng, 2_000), uniform(rng, 2_000)), mappers);
    assertTrue(test.thresholds(0, 99_001) == test.thresholds(0, 99_999), "one cached set for 99,001..99,999 rows");
    assertTrue(test.thresholds(0, 99_999) != test.thresholds(0, 100_000));
  }

  @Test
  void falseAlarmsStayAtMostFivePercentAt500_5kAnd100kRows() {
    for (int n : new int[] {500, 5_000, 100_000}) {
      int repeats = n == 100_000 ? 6 : 30;
      long alarms = 0;
      long trials = 0;
      for (int reference = 0; reference < 8; reference++) {
        SplittableRandom rng = new SplittableRandom(31L * n + reference);
        List<double[]> train = normalColumns(rng, 20_000, 0.0);
        List<BinMapper> mappers = quantileMappers(train);
        DriftProfile profile = profile(mappers, train, categories(rng, 20_000), uniform(rng, 20_000));
        DriftTest test = DriftTest.of(profile, mappers);
        for (int r = 0; r < repeats; r++) {
          DriftReport report = test.compare(counts(mappers, profile, normalColumns(rng, n, 0.0),
              categories(rng, n)), profile.predictions().countsOf(uniform(rng, n)), null);
          for (FeatureDrift f : report.features()) {
            alarms += f.drift() ? 1 : 0;
            trials++;
          }
          alarms += report.prediction().drift() ? 1 : 0;
          trials++;
        }
      }
      double rate = (double) alarms / trials;
      System.out.printf("n=%d: false alarm rate %.4f over %d feature tests%n", n, rate, trials);
      assertTrue(rate <= 0.05, "n=" + n + ": false alarm rate " + rate + " over " + trials + " tests");
    }
  }

  @Test
  void countsOfTheWrongShapeAreRefusedWithOneSentence() {
    SplittableRandom rng = new SplittableRandom(5);
    List<double[]> train = normalColumns(rng, 1_000, 0.0);
    List<BinMapper> mappers = quantileMappers(train);
    DriftProfile profile = profile(mappers, train, categories(rng, 1_000), uniform(rng, 1_000));
    DriftTest test = DriftTest.of(profile, mappers);
    List<FeatureCounts> missingOne = profile.features().subList(0, FEATURES - 1);
    InputException e = assertThrows(InputException.class,
        () -> test.compare(missingOne, whole(profile.predictions().counts()), null));
    assertEquals("The new data has counts for 4 features, but the profile has 5.", e.getMessage());
    List<FeatureCounts> wrongCells = new ArrayList<>(profile.features());
    wrongCells.set(1, new FeatureCounts(new long[] {1, 2}, 0, 0, Double.NaN, Double.NaN));
    e = assertThrows(InputException.class, () -> test.compare(wrongCells, whole(profile.predictions().counts()), null));
    assertTrue(e.getMessage().startsWith("Feature 'f1' has 2 cells in the new data, but "), e.getMessage());
  }

  @Test
  void theSameDataGivesNoDriftAndThresholdsShrinkWithTheSampleSize() {
    SplittableRandom rng = new SplittableRandom(9);
    List<double[]> train = normalColumns(rng, 5_000, 0.0);
    List<BinMapper> mappers = quantileMappers(train);
    DriftProfile profile = profile(mappers, train, categories(rng, 5_000), uniform(rng, 5_000));
    DriftTest test = DriftTest.of(profile, mappers);
    DriftReport same = test.compare(profile.features(), whole(profile.predictions().counts()), new double[] {1, 2, 3, 4, 5});
    for (FeatureDrift f : same.features()) {
      assertEquals(0.0, f.psi(), 1e-15);
      assertTrue(!f.drift(), f.name());
    }
    assertEquals(null, same.importanceNdcg());
    assertTrue(test.thresholds(0, 100_000).ks() < test.thresholds(0, 500).ks());
    assertTrue(test.thresholds(0, 100_000).psi() < test.thresholds(0, 500).psi());
  }

  // ---- synthetic data ----

  static List<double[]> normalColumns(SplittableRandom rng, int rows, double shift) {
    List<double[]> columns = new ArrayList<>();
    for (int f = 0; f < FEATURES - 1; f++) {
      double[] values = new double[rows];
      for (int r = 0; r < rows; r++) {
        values[r] = f == 2 && rng.nextDouble() < 0.05 ? Double.NaN : rng.nextGaussian() + shift;
      }
      columns.add(values);
    }
    return columns;
  }

  static List<String> categories(SplittableRandom rng, int rows) {
    List<String> out = new ArrayList<>(rows);
    for (int r = 0; r < rows; r++) {
      double u = rng.nextDouble();
      int c = 0;
      while (c < CATEGORY_P.length - 1 && u >= CATEGORY_P[c]) {
        u -= CATEGORY_P[c];
        c++;
      }
      out.add(rng.nextDouble() < 0.02 ? null : CATEGORIES[c]);
    }
    return out;
  }

  static double[] uniform(SplittableRandom rng, int rows) {
    double[] out = new double[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = rng.nextDouble();
    }
    return out;
  }

  /** 255 bins at the sample's quantiles, as training's bin learner would place them; then the categorical one. */
  static List<BinMapper> quantileMappers(List<double[]> columns) {
    List<BinMapper> mappers = new ArrayList<>();
    for (double[] column : columns) {
      double[] sorted = Arrays.stream(column).filter(v -> !Double.isNaN(v)).sorted().toArray();
      double[] bounds = new double[255];
      int count = 0;
      for (int i = 1; i < 255; i++) {
        double edge = sorted[i * sorted.length / 255];
        if (count == 0 || edge > bounds[count - 1]) {
          bounds[count++] = edge;
        }
      }
      bounds[count++] = Double.POSITIVE_INFINITY;
      mappers.add(BinMapper.ofNumeric(Arrays.copyOf(bounds, count), false));
    }
    mappers.add(CATEGORY_MAPPER);
    return mappers;
  }

  /** Whole counts of the reference, as new rows would give them. */
  static long[] whole(double[] counts) {
    long[] rows = new long[counts.length];
    for (int c = 0; c < counts.length; c++) {
      rows[c] = (long) counts[c];
    }
    return rows;
  }

  static DriftProfile profile(List<BinMapper> mappers, List<double[]> numeric, List<String> categories,
      double[] scores) {
    return new DriftProfile(names(), counts(mappers, null, numeric, categories), ScoreHistogram.fit(scores, null), null, 0);
  }

  static List<FeatureCounts> counts(List<BinMapper> mappers, DriftProfile reference, List<double[]> numeric,
      List<String> categories) {
    List<FeatureCounts> counts = new ArrayList<>();
    for (int f = 0; f < FEATURES; f++) {
      CellCounter counter = reference == null ? CellCounter.forReference(mappers.get(f))
          : CellCounter.against(mappers.get(f), reference.features().get(f));
      if (f < FEATURES - 1) {
        for (double v : numeric.get(f)) {
          counter.addValue(v);
        }
      } else {
        for (String c : categories) {
          counter.addCategory(c);
        }
      }
      counts.add(counter.counts());
    }
    return counts;
  }

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int f = 0; f < FEATURES; f++) {
      names.add("f" + f);
    }
    return names;
  }
}
