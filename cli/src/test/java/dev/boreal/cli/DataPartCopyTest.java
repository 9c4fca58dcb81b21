package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.histogram.FeatureColumn;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;

/** A fold's copy of its rows: a sparse column stays sparse and reads as the rows it copied, in their order. */
class DataPartCopyTest {
  @Test
  void aSparseColumnIsCopiedSparseInTheRowsOrder() {
    double[] dense = {0, 4, 0, -0.0, Double.NaN, 0, 7, 0};
    FeatureColumn sparse = FeatureColumn.sparse("x", 8, new int[] {1, 3, 4, 6}, new double[] {4, -0.0, Double.NaN, 7});
    try (RootAllocator allocator = new RootAllocator(); Float8Vector label = new Float8Vector("label", allocator)) {
      label.allocateNew(8);
      for (int r = 0; r < 8; r++) {
        label.set(r, r % 2);
      }
      label.setValueCount(8);
      DataPart all = new DataPart("all", List.of(sparse), FeatureColumn.numeric("label", label),
          new double[] {0, 1, 0, 1, 0, 1, 0, 1}, null, null);
      int[] rows = {6, 0, 4, 1, 3};
      try (DataPart.Copy copy = DataPart.copy(all, rows, null, "fold", allocator)) {
        FeatureColumn x = copy.part().columns().get(0);
        assertTrue(x.isSparse(), "still sparse");
        double[] read = new double[rows.length];
        x.readValues(0, rows.length, read);
        double[] expected = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          expected[i] = dense[rows[i]];
        }
        assertArrayEquals(expected, read);
        assertEquals(4, x.entries().rows().length, "the four entries on copied rows");
        assertArrayEquals(new double[] {0, 0, 0, 1, 1}, copy.part().labels());
      }
    }
  }
}
