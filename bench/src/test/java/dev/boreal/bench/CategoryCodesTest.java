package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import dev.boreal.io.ReadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codes the peers get for text columns: one dictionary over both files, sorted, missing as NaN. */
class CategoryCodesTest {
  @TempDir
  Path dir;

  @Test
  void codesSpanTrainingAndTestSorted() throws Exception {
    // c: categories b, a in training and c, a (and a missing value) in test; z: numbers in training, text in test
    Path train = write("train.csv", "label,x,c,z", "0,1.5,b,1", "1,2.5,a,2", "0,0.5,b,2");
    Path test = write("test.csv", "label,x,c,z", "1,1.0,c,k", "0,2.0,a,1", "1,3.0,,2");
    ReadOptions options = ReadOptions.defaults().withLabel("label").withThreads(1);
    CategoryCodes codes = CategoryCodes.of(train, test, options);
    assertEquals(Set.of("c", "z"), codes.columns(), "z is text in the test file, so categorical in both");

    DenseData trainData;
    DenseData testData;
    try (RootAllocator allocator = new RootAllocator()) {
      trainData = DenseData.training(train, options, "binary", 0, codes, allocator);
      testData = DenseData.matching(test, options, trainData.features(), trainData.encoder(), codes, allocator);
    }
    assertEquals(List.of("x", "c", "z"), trainData.features());
    assertArrayEquals(new int[] {1, 2}, trainData.categoricalColumns());
    // a=0, b=1, c=2; "1"=0, "2"=1, "k"=2
    assertArrayEquals(new double[] {1.5, 1, 0, 2.5, 0, 1, 0.5, 1, 1}, trainData.values());
    assertArrayEquals(new double[] {1.0, 2, 2, 2.0, 0, 0, 3.0, Double.NaN, 1}, testData.values());
  }

  @Test
  void withoutCodesTextIsRefused() throws Exception {
    Path train = write("train.csv", "label,x,c", "0,1.5,b", "1,2.5,a");
    ReadOptions options = ReadOptions.defaults().withLabel("label").withThreads(1);
    try (RootAllocator allocator = new RootAllocator()) {
      UsageException e = assertThrows(UsageException.class,
          () -> DenseData.training(train, options, "binary", 0, allocator));
      assertTrue(e.getMessage().contains("feature 'c' is categorical"), e.getMessage());
    }
  }

  private Path write(String name, String... lines) throws Exception {
    return Files.write(dir.resolve(name), List.of(lines));
  }
}
