package dev.boreal.spark;

import dev.boreal.InputException;
import dev.boreal.api.Boreal;
import dev.boreal.engine.Rng;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.histogram.WorkerTeam;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.ValueVector;

/**
 * Learns the bins on the driver from a sample of the rows, with the histogram module's own
 * {@link BinnedData#learnMappers}: the bins a single-machine run learns from the same rows. Which rows are sampled
 * depends on their values only (a hash of each row against the sampling fraction), not on how the data is
 * partitioned, so every partitioning gets the same bins; a data set no larger than {@code bin_construct_sample_cnt}
 * is sampled whole.
 */
final class BinSample {
  private BinSample() {
  }

  /** Whether the row (its features and label) is in a sample of {@code fraction} of the rows. */
  static boolean keeps(RowColumns part, int row, double fraction, long seed) {
    if (fraction >= 1.0) {
      return true;
    }
    long h = Double.doubleToLongBits(part.labels()[row]);
    for (double[] column : part.features()) {
      h = Rng.mix(h, Double.doubleToLongBits(column[row]));
    }
    return (Rng.mix(seed, h) >>> 11) * 0x1.0p-53 < fraction;
  }

  /** The rows of a partition this sample keeps, as columns. */
  static RowColumns sample(RowColumns part, double fraction, long seed) {
    int kept = 0;
    int[] rows = new int[part.rows()];
    for (int r = 0; r < part.rows(); r++) {
      if (keeps(part, r, fraction, seed)) {
        rows[kept++] = r;
      }
    }
    double[][] features = new double[part.features().length][kept];
    double[] labels = new double[kept];
    for (int i = 0; i < kept; i++) {
      for (int f = 0; f < features.length; f++) {
        features[f][i] = part.features()[f][rows[i]];
      }
      labels[i] = part.labels()[rows[i]];
    }
    return new RowColumns(features, labels, null);
  }

  /**
   * The mappers learned from the sampled rows.
   *
   * @param parts the sample, one part per partition
   * @throws InputException for a categorical value that is not a category index
   */
  static List<BinMapper> learn(List<RowColumns> parts, FeatureSchema schema, BinningParams params) {
    int rows = 0;
    for (RowColumns p : parts) {
      rows += p.rows();
    }
    List<FeatureColumn> columns = new ArrayList<>(schema.size());
    List<ValueVector> vectors = new ArrayList<>();
    try (BufferAllocator allocator = Boreal.allocator().newChildAllocator("spark-bins", 0, Long.MAX_VALUE)) {
      try {
        for (int f = 0; f < schema.size(); f++) {
          columns.add(column(allocator, parts, f, rows, schema, vectors));
        }
        try (WorkerTeam team = new WorkerTeam(1)) {
          return BinnedData.learnMappers(columns, null, params.withBinConstructSampleCnt(Math.max(1, rows)), team);
        }
      } finally {
        for (ValueVector v : vectors) {
          v.close();
        }
      }
    }
  }

  private static FeatureColumn column(BufferAllocator allocator, List<RowColumns> parts, int f, int rows,
      FeatureSchema schema, List<ValueVector> vectors) {
    String name = schema.names().get(f);
    if (!schema.categorical()[f]) {
      Float8Vector v = new Float8Vector(name, allocator);
      vectors.add(v);
      v.allocateNew(rows);
      int i = 0;
      for (RowColumns p : parts) {
        for (double x : p.features()[f]) {
          v.set(i++, x);
        }
      }
      v.setValueCount(rows);
      return FeatureColumn.numeric(name, (FieldVector) v);
    }
    IntVector codes = new IntVector(name, allocator);
    vectors.add(codes);
    codes.allocateNew(rows);
    int largest = schema.categories()[f] - 1;
    int i = 0;
    for (RowColumns p : parts) {
      for (double x : p.features()[f]) {
        if (x != x) {
          codes.setNull(i++);
          continue;
        }
        if (!(x >= 0 && x < BinnedData.MAX_CATEGORY_NAME && x == Math.rint(x))) {
          throw new InputException("Categorical feature '" + name + "' holds " + x
              + "; categories must be whole numbers from 0 below " + BinnedData.MAX_CATEGORY_NAME + ".");
        }
        codes.set(i++, (int) x);
        largest = Math.max(largest, (int) x);
      }
    }
    codes.setValueCount(rows);
    String[] dictionary = new String[largest + 1];
    for (int c = 0; c <= largest; c++) {
      dictionary[c] = Integer.toString(c);
    }
    return FeatureColumn.categorical(name, codes, dictionary);
  }
}
