package dev.boreal.histogram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/** Builds Arrow-backed feature columns for a test and, on close, frees them and checks nothing leaked. */
final class ArrowColumns implements AutoCloseable {
  private final RootAllocator allocator = new RootAllocator();
  private final List<FieldVector> vectors = new ArrayList<>();

  /** A numeric column; NaN entries are stored as nulls. */
  FeatureColumn numeric(String name, double[] values) {
    Float8Vector v = new Float8Vector(name, allocator);
    v.allocateNew(values.length);
    for (int r = 0; r < values.length; r++) {
      if (Double.isNaN(values[r])) {
        v.setNull(r);
      } else {
        v.set(r, values[r]);
      }
    }
    v.setValueCount(values.length);
    vectors.add(v);
    return FeatureColumn.numeric(name, v);
  }

  /** A categorical column; code -1 is stored as null. */
  FeatureColumn categorical(String name, int[] codes, String[] dictionary) {
    IntVector v = new IntVector(name, allocator);
    v.allocateNew(codes.length);
    for (int r = 0; r < codes.length; r++) {
      if (codes[r] == FeatureColumn.MISSING_CODE) {
        v.setNull(r);
      } else {
        v.set(r, codes[r]);
      }
    }
    v.setValueCount(codes.length);
    vectors.add(v);
    return FeatureColumn.categorical(name, v, dictionary);
  }

  @Override
  public void close() {
    for (FieldVector v : vectors) {
      v.close();
    }
    assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
    allocator.close();
  }

  /** All bin codes of feature {@code f}, for comparing. */
  static int[] codes(BinnedData data, int f) {
    int[] out = new int[data.rows()];
    for (int r = 0; r < out.length; r++) {
      out[r] = data.column(f).bin(r);
    }
    return out;
  }

  /** Small test parameters: everything sampled, one thread unless changed. */
  static BinningParams params(int maxBin) {
    return new BinningParams(maxBin, 200_000, 3, 0L, 1, false, true);
  }
}
