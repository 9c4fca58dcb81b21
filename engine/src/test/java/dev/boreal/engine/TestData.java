package dev.boreal.engine;

import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/** Builds binned data sets from plain arrays for engine tests; Arrow memory is released before returning. */
public final class TestData {
  private TestData() {}

  /**
   * Bins columns: {@code numeric[f][row]} (NaN = missing) and categorical columns given as codes into
   * {@code categories} ({@code -1} = missing), numeric features first.
   */
  public static BinnedData bin(double[][] numeric, int[][] categorical, String[][] categories,
      BinningParams params) {
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = new ArrayList<>();
      try {
        return BinnedData.fit(columns(numeric, categorical, categories, allocator, vectors), null, params);
      } finally {
        vectors.forEach(FieldVector::close);
      }
    }
  }

  /** Bins new columns with existing mappers. */
  public static BinnedData apply(BinnedData like, double[][] numeric, int[][] categorical,
      String[][] categories) {
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = new ArrayList<>();
      try {
        return BinnedData.apply(like.mappers(), columns(numeric, categorical, categories, allocator, vectors), 2);
      } finally {
        vectors.forEach(FieldVector::close);
      }
    }
  }

  /** Feature names f0, f1, ... */
  public static List<String> names(int features) {
    List<String> names = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      names.add("f" + f);
    }
    return names;
  }

  private static List<FeatureColumn> columns(double[][] numeric, int[][] categorical, String[][] categories,
      BufferAllocator allocator, List<FieldVector> vectors) {
    List<FeatureColumn> columns = new ArrayList<>();
    for (int f = 0; f < numeric.length; f++) {
      Float8Vector v = new Float8Vector("f" + f, allocator);
      vectors.add(v);
      v.allocateNew(numeric[f].length);
      for (int r = 0; r < numeric[f].length; r++) {
        if (Double.isNaN(numeric[f][r])) {
          v.setNull(r);
        } else {
          v.set(r, numeric[f][r]);
        }
      }
      v.setValueCount(numeric[f].length);
      columns.add(FeatureColumn.numeric(v.getName(), v));
    }
    for (int c = 0; c < categorical.length; c++) {
      IntVector v = new IntVector("f" + (numeric.length + c), allocator);
      vectors.add(v);
      v.allocateNew(categorical[c].length);
      for (int r = 0; r < categorical[c].length; r++) {
        if (categorical[c][r] < 0) {
          v.setNull(r);
        } else {
          v.set(r, categorical[c][r]);
        }
      }
      v.setValueCount(categorical[c].length);
      columns.add(FeatureColumn.categorical(v.getName(), v, categories[c]));
    }
    return columns;
  }
}
