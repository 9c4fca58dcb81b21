package dev.boreal.engine.nn;

import dev.boreal.histogram.FeatureColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/** Arrow feature columns built from plain arrays for the MLP and pipeline tests; closing releases their memory. */
public final class Columns implements AutoCloseable {
  private final BufferAllocator allocator = new RootAllocator();
  private final List<FieldVector> vectors = new ArrayList<>();
  public final List<FeatureColumn> list = new ArrayList<>();

  /** Adds a numeric column; NaN becomes null. */
  public Columns numeric(String name, double[] values) {
    Float8Vector v = new Float8Vector(name, allocator);
    vectors.add(v);
    v.allocateNew(values.length);
    for (int r = 0; r < values.length; r++) {
      if (Double.isNaN(values[r])) {
        v.setNull(r);
      } else {
        v.set(r, values[r]);
      }
    }
    v.setValueCount(values.length);
    list.add(FeatureColumn.numeric(name, v));
    return this;
  }

  /** Adds a categorical column of codes into {@code categories}; -1 becomes null. */
  public Columns categorical(String name, int[] codes, String[] categories) {
    IntVector v = new IntVector(name, allocator);
    vectors.add(v);
    v.allocateNew(codes.length);
    for (int r = 0; r < codes.length; r++) {
      if (codes[r] < 0) {
        v.setNull(r);
      } else {
        v.set(r, codes[r]);
      }
    }
    v.setValueCount(codes.length);
    list.add(FeatureColumn.categorical(name, v, categories));
    return this;
  }

  /** A data set over these columns. */
  MlpData data(String name, double[] labels) {
    return new MlpData(name, list, labels, null, null);
  }

  /**
   * A headerless TSV with the label first (LightGBM's example files): its features as columns named
   * Column_1 ... and its labels into {@code labels}.
   */
  static Columns readTsv(Path file, List<Double> labels) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int features = lines.get(0).split("\t").length - 1;
    double[][] x = new double[features][lines.size()];
    for (int r = 0; r < lines.size(); r++) {
      String[] fields = lines.get(r).split("\t");
      labels.add(Double.parseDouble(fields[0]));
      for (int f = 0; f < features; f++) {
        x[f][r] = Double.parseDouble(fields[f + 1]);
      }
    }
    Columns c = new Columns();
    for (int f = 0; f < features; f++) {
      c.numeric("Column_" + (f + 1), x[f]);
    }
    return c;
  }

  @Override
  public void close() {
    vectors.forEach(FieldVector::close);
    allocator.close();
  }
}
