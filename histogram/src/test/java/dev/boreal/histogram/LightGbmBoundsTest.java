package dev.boreal.histogram;

import static dev.boreal.histogram.ArrowColumns.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numeric bounds against a plain reference transcription of LightGBM's {@code FindBin},
 * {@code FindBinWithZeroAsOneBin} and {@code GreedyFindBin}, kept close to LightGBM's own structure
 * (lists, separate upper and lower bounds) so that it shares no shortcut with the optimised code.
 */
class LightGbmBoundsTest {
  private static final double ZERO = (double) 1e-35f;

  /** LightGBM's bounds for a raw sample (NaN for missing), with Boreal's missing bin left out. */
  static double[] reference(double[] sample, int maxBin, int minDataInBin) {
    List<Double> nonZero = new ArrayList<>();
    int missing = 0;
    for (double v : sample) {
      if (Double.isNaN(v)) {
        missing++;
      } else if (Math.abs(v) > ZERO) {
        nonZero.add(v);
      }
    }
    int total = sample.length - missing;
    int zeros = total - nonZero.size();
    nonZero.sort(null);
    List<Double> values = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < nonZero.size(); i++) {
      double v = nonZero.get(i);
      if (i > 0 && v <= Math.nextUp(nonZero.get(i - 1))) {
        values.set(values.size() - 1, v);
        counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
      } else {
        if (i > 0 && nonZero.get(i - 1) < 0 && v > 0) {
          values.add(0.0);
          counts.add(zeros);
        }
        values.add(v);
        counts.add(1);
      }
    }
    if (values.isEmpty() || (values.get(0) > 0 && zeros > 0)) {
      values.add(0, 0.0);
      counts.add(0, zeros);
    }
    if (values.get(values.size() - 1) < 0 && zeros > 0) {
      values.add(0.0);
      counts.add(zeros);
    }
    return zeroAsOneBin(values, counts, missing > 0 ? maxBin - 1 : maxBin, total, minDataInBin);
  }

  private static double[] zeroAsOneBin(List<Double> values, List<Integer> counts, int maxBin, int total, int minData) {
    int leftRows = 0;
    int zeroRows = 0;
    int rightRows = 0;
    int leftCount = values.size();
    int rightStart = -1;
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (v <= -ZERO) {
        leftRows += counts.get(i);
      } else if (v > ZERO) {
        rightRows += counts.get(i);
        rightStart = rightStart < 0 ? i : rightStart;
      } else {
        zeroRows += counts.get(i);
      }
      if (v > -ZERO && leftCount == values.size()) {
        leftCount = i;
      }
    }
    List<Double> bounds = new ArrayList<>();
    if (leftCount > 0 && maxBin > 1) {
      int leftMaxBin = Math.max(1, (int) ((double) leftRows / (total - zeroRows) * (maxBin - 1)));
      bounds.addAll(greedy(values.subList(0, leftCount), counts.subList(0, leftCount), leftMaxBin, leftRows, minData));
      bounds.set(bounds.size() - 1, -ZERO);
    }
    int rightMaxBin = maxBin - 1 - bounds.size();
    if (rightStart >= 0 && rightMaxBin > 0) {
      bounds.add(ZERO);
      bounds.addAll(greedy(values.subList(rightStart, values.size()), counts.subList(rightStart, values.size()),
          rightMaxBin, rightRows, minData));
    } else {
      bounds.add(Double.POSITIVE_INFINITY);
    }
    return bounds.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static List<Double> greedy(List<Double> values, List<Integer> counts, int maxBin, int total, int minData) {
    int n = values.size();
    List<Double> bounds = new ArrayList<>();
    if (n <= maxBin) {
      int inBin = 0;
      for (int i = 0; i < n - 1; i++) {
        inBin += counts.get(i);
        if (inBin >= minData) {
          double val = Math.nextUp((values.get(i) + values.get(i + 1)) / 2.0);
          if (bounds.isEmpty() || val > Math.nextUp(bounds.get(bounds.size() - 1))) {
            bounds.add(val);
            inBin = 0;
          }
        }
      }
    } else {
      maxBin = Math.max(1, Math.min(maxBin, total / minData));
      double mean = (double) total / maxBin;
      int restBins = maxBin;
      int restRows = total;
      boolean[] big = new boolean[n];
      for (int i = 0; i < n; i++) {
        if (counts.get(i) >= mean) {
          big[i] = true;
          restBins--;
          restRows -= counts.get(i);
        }
      }
      mean = (double) restRows / restBins;
      double[] upper = new double[maxBin + 1];
      double[] lower = new double[maxBin + 1];
      int bins = 0;
      lower[0] = values.get(0);
      int inBin = 0;
      for (int i = 0; i < n - 1; i++) {
        if (!big[i]) {
          restRows -= counts.get(i);
        }
        inBin += counts.get(i);
        if (big[i] || inBin >= mean || (big[i + 1] && inBin >= Math.max(1.0, mean * 0.5))) {
          upper[bins] = values.get(i);
          bins++;
          lower[bins] = values.get(i + 1);
          if (bins >= maxBin - 1) {
            break;
          }
          inBin = 0;
          if (!big[i]) {
            restBins--;
            mean = restRows / (double) restBins;
          }
        }
      }
      bins++;
      for (int i = 0; i < bins - 1; i++) {
        double val = Math.nextUp((upper[i] + lower[i + 1]) / 2.0);
        if (bounds.isEmpty() || val > Math.nextUp(bounds.get(bounds.size() - 1))) {
          bounds.add(val);
        }
      }
    }
    bounds.add(Double.POSITIVE_INFINITY);
    return bounds;
  }

  /** A random feature of one of several shapes, all finite, NaN for missing. */
  static double[] randomFeature(SplittableRandom random, int rows, int shape) {
    double[] x = new double[rows];
    double zeroShare = random.nextDouble() * 0.5;
    double missingShare = random.nextBoolean() ? 0 : random.nextDouble() * 0.2;
    int levels = 2 + random.nextInt(400);
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble();
      x[r] = switch (shape) {
        case 0 -> random.nextDouble() * 200 - 100;                       // continuous, both signs
        case 1 -> Math.floor(random.nextDouble() * levels) - levels / 3;  // ties, few or many levels
        case 2 -> u < 0.4 ? 3.25 : u < 0.5 ? -7 : random.nextDouble();   // big-count values
        case 3 -> u < 0.2 ? random.nextInt(4) : random.nextDouble() * 4; // big values among a spread
        case 4 -> Math.exp(random.nextDouble() * 40 - 20);                // positive only, wide range
        case 5 -> -random.nextInt(1 + levels / 20);                       // non-positive, few values
        case 6 -> (random.nextInt(7) - 3) * 1e-36 + random.nextInt(3) * 1e-34; // near the zero threshold
        default -> 1.0 + Math.ulp(1.0) * random.nextInt(4) + random.nextInt(3); // adjacent doubles
      };
      if (random.nextDouble() < zeroShare) {
        x[r] = 0.0;
      } else if (random.nextDouble() < missingShare) {
        x[r] = Double.NaN;
      }
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 7, 16, 63, 255, 1000})
  void boundsAgreeWithTheReferenceOnRandomData(int maxBin) {
    SplittableRandom random = new SplittableRandom(maxBin);
    try (ArrowColumns arrow = new ArrowColumns()) {
      for (int trial = 0; trial < 160; trial++) {
        int shape = trial % 8;
        int rows = 1 + random.nextInt(trial < 40 ? 60 : 6000);
        int minDataInBin = 1 + random.nextInt(random.nextBoolean() ? 3 : 50);
        double[] x = randomFeature(random, rows, shape);
        BinningParams p = params(maxBin).withMinDataInBin(minDataInBin);
        BinMapper m = BinnedData.fit(List.of(arrow.numeric("x", x)), null, p).mapper(0);
        String what = "shape " + shape + " rows " + rows + " min_data_in_bin " + minDataInBin;
        assertArrayEquals(reference(x, maxBin, minDataInBin), m.upperBounds(), what);
        double[] bounds = m.upperBounds();
        for (int b = 1; b < bounds.length; b++) {
          assertTrue(bounds[b - 1] < bounds[b], what + " bound " + b);
        }
        assertTrue(m.numBins() <= maxBin + 1, what);
      }
    }
  }

  @Test
  void zeroGetsItsOwnBinBetweenNegativeAndPositiveValues() {
    double[] x = new double[3000];
    SplittableRandom random = new SplittableRandom(9);
    for (int r = 0; r < x.length; r++) {
      x[r] = r % 3 == 0 ? 0.0 : r % 3 == 1 ? -random.nextDouble() - 0.01 : random.nextDouble() + 0.01;
    }
    x[0] = 1e-36;
    x[3] = -0.0;
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(List.of(arrow.numeric("x", x)), null, params(255));
      BinMapper m = data.mapper(0);
      int zeroBin = m.binOf(0.0);
      assertEquals(-ZERO, m.upperBound(zeroBin - 1));
      assertEquals(ZERO, m.upperBound(zeroBin));
      for (int r = 0; r < x.length; r++) {
        assertEquals(r % 3 == 0, data.column(0).bin(r) == zeroBin, "row " + r);
      }
      // Negatives hold half the non-zero rows, so they get half of the 254 bins beside zero's.
      assertEquals(127, zeroBin);
      assertEquals(256, m.numBins());
      assertInstanceOfByte(data);
    }
  }

  @Test
  void aBigCountValueGetsABinToItself() {
    double[] x = new double[10_000];
    SplittableRandom random = new SplittableRandom(10);
    for (int r = 0; r < x.length; r++) {
      x[r] = r % 4 == 0 ? 5.0 : 1 + random.nextDouble() * 9;
    }
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinMapper m = BinnedData.fit(List.of(arrow.numeric("x", x)), null, params(32)).mapper(0);
      int bin = m.binOf(5.0);
      assertTrue(m.upperBound(bin - 1) < 5.0 && m.upperBound(bin - 1) > 4.9, Arrays.toString(m.upperBounds()));
      assertTrue(m.upperBound(bin) > 5.0 && m.upperBound(bin) < 5.1, Arrays.toString(m.upperBounds()));
      assertArrayEquals(reference(x, 32, 3), m.upperBounds());
    }
  }

  private static void assertInstanceOfByte(BinnedData data) {
    assertEquals(ByteBinColumn.class, data.column(0).getClass(), "256 bins still fit a byte");
  }
}
