package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.objective.Link;
import dev.boreal.explain.ShapInteractions;
import dev.boreal.explain.ShapValues;
import dev.boreal.histogram.BinMapper;
import dev.boreal.io.TableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output tables' shapes that the end-to-end tests do not reach: long interactions, name clashes. */
class ShapOutputTest {
  @TempDir Path dir;

  /** A tree-less model over {@code names}; only the schema matters to the output tables. */
  static Model model(List<String> names, int outputs) {
    List<BinMapper> mappers = new ArrayList<>();
    for (int f = 0; f < names.size(); f++) {
      mappers.add(BinMapper.ofNumeric(new double[] {Double.POSITIVE_INFINITY}, false));
    }
    return new Model("gbdt", "regression", Link.IDENTITY, names, mappers, null, new double[outputs], List.of(),
        Model.Ensemble.SUM, 0, Map.of(), Map.of());
  }

  @Test
  void manyFeaturesGiveTheLongInteractionFormatWithNonZeroUpperEntries() throws IOException {
    int f = 70;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < f; i++) {
      names.add("f" + i);
    }
    assertFalse(ShapOutput.wide(1, f));
    int w = f + 1;
    double[] values = new double[2 * w * w];
    values[3 * w + 3] = 0.5;            // row 0: main effect of f3
    values[3 * w + 9] = 0.25;           // row 0: (f3, f9) and its mirror
    values[9 * w + 3] = 0.25;
    values[w * w + 5 * w + 69] = -1;    // row 1: (f5, f69) and its mirror
    values[w * w + 69 * w + 5] = -1;
    Path file = dir.resolve("x.csv");
    TableWriter.write(file, ShapOutput.interactionColumns(model(names, 1),
        new ShapInteractions(2, 1, f, values, new double[] {0})));
    assertEquals(List.of("row,feature_i,feature_j,value", "0,f3,f3,0.5", "0,f3,f9,0.25", "1,f5,f69,-1.0"),
        Files.readAllLines(file));
  }

  @Test
  void theInteractionsFileSitsBesideTheShapFile() {
    assertEquals(dir.resolve("scores.interactions.csv"), ShapOutput.interactionsPath(dir.resolve("scores.parquet")));
    assertEquals(dir.resolve("scores.interactions.csv"), ShapOutput.interactionsPath(dir.resolve("scores")));
  }

  @Test
  void aFeatureNamedLikeAnAddedColumnIsRefused() {
    Model m = model(List.of("a", "expected_value"), 1);
    ShapValues v = new ShapValues(1, 1, 2, new double[] {0.1, 0.2, 0.3}, new double[] {0.3});
    InputException e = assertThrows(InputException.class,
        () -> ShapOutput.shapColumns(m, v, new double[] {0.6}, 0, List.of()));
    assertTrue(e.getMessage().contains("'expected_value'"), e.getMessage());
  }
}
