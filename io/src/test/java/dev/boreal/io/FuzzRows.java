package dev.boreal.io;

import dev.boreal.engine.model.Model;
import dev.boreal.histogram.BinMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The fixed rows the model fuzz test scores every accepted file on. A value depends only on the row, the
 * feature's position and whether the (mutated) file calls the feature categorical, never on what the code
 * under test read: numeric features take the base model's bin bounds, just below and above them, zeros of
 * both signs, values inside LightGBM's zero band, NaN and random values; categorical features take the base
 * model's categories, a category it never saw, and missing.
 */
final class FuzzRows {
  /** Numeric values for a feature the base model does not have as numeric. */
  private static final double[] DEFAULT_PROBES = {Double.NaN, 0.0, -0.0, 1e-36, -1e-36, 0.5, -1.5, 2.0, 1e9};
  private static final List<String> DEFAULT_CATEGORIES = List.of("0", "1", "2");
  /** A category no model of the tests names, as a name and as the number an imported model reads. */
  private static final String UNSEEN = "4097";

  private final int rows;
  private final List<double[]> probes = new ArrayList<>();
  private final List<List<String>> categories = new ArrayList<>();

  /** Rows for mutations of {@code base}. */
  FuzzRows(Model base, int rows) {
    this.rows = rows;
    for (BinMapper mapper : base.mappers()) {
      if (mapper.isCategorical()) {
        probes.add(null);
        categories.add(List.of(mapper.categories()));
        continue;
      }
      List<Double> values = new ArrayList<>(List.of(Double.NaN, 0.0, -0.0, 1e-36, -1e-36));
      for (double bound : mapper.upperBounds()) {
        values.addAll(List.of(bound, Math.nextDown(bound), Math.nextUp(bound)));
      }
      probes.add(values.stream().mapToDouble(Double::doubleValue).toArray());
      categories.add(null);
    }
  }

  int rows() {
    return rows;
  }

  /**
   * The value of feature {@code f} in row {@code r}: a {@link Double} for a numeric feature; for a categorical
   * one a category name (null when missing), or when {@code categoryCodes} the category as a number (NaN when
   * missing), as an imported model reads it.
   */
  Object value(int r, int f, boolean categorical, boolean categoryCodes) {
    Random random = new Random(1_000_003L * f + 7919L * r + 17);
    boolean known = f < probes.size();
    if (categorical) {
      List<String> names = known && categories.get(f) != null ? categories.get(f) : DEFAULT_CATEGORIES;
      int pick = random.nextInt(names.size() + 2);
      String name = pick < names.size() ? names.get(pick) : pick == names.size() ? UNSEEN : null;
      if (!categoryCodes) {
        return name;
      }
      return name == null ? Double.NaN : Double.parseDouble(name);
    }
    double[] values = known && probes.get(f) != null ? probes.get(f) : DEFAULT_PROBES;
    return random.nextInt(4) == 0 ? random.nextGaussian() * 2 : values[random.nextInt(values.length)];
  }

  /** Rows of {@code kinds.length} features as numbers, row-major, categorical features as category codes. */
  double[] codes(boolean[] kinds) {
    double[] out = new double[rows * kinds.length];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < kinds.length; f++) {
        out[r * kinds.length + f] = (Double) value(r, f, kinds[f], true);
      }
    }
    return out;
  }

  /** Row {@code r} of {@code kinds.length} features as values, categorical features by name. */
  Object[] named(int r, boolean[] kinds) {
    Object[] out = new Object[kinds.length];
    Arrays.setAll(out, f -> value(r, f, kinds[f], false));
    return out;
  }
}
