package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boreal convert}, and {@code predict} reading an XGBoost model directly: the converted file and the
 * original give the same predictions, and wrong uses fail with one line and the right exit code.
 */
class ConvertCommandTest {
  /** One XGBoost tree: a < 0.5 (missing left) → -0.3; else color in {1, 2} → 0.6 (missing too), else 0.2. */
  static final String XGBOOST = """
      {"learner":{"attributes":{},"feature_names":["a","color"],"feature_types":["float","c"],
       "gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"1"},
        "iteration_indptr":[0,1],"tree_info":[0],"trees":[
        {"base_weights":[0,0,0,0,0],"categories":[1,2],"categories_nodes":[2],"categories_segments":[0],
         "categories_sizes":[2],"default_left":[1,0,0,0,0],"id":0,"left_children":[1,-1,3,-1,-1],
         "loss_changes":[4.0,0,1.0,0,0],"parents":[2147483647,0,0,2,2],"right_children":[2,-1,4,-1,-1],
         "split_conditions":[0.5,-0.3,NaN,0.2,0.6],"split_indices":[0,0,1,0,0],"split_type":[0,0,1,0,0],
         "sum_hessian":[50.0,20.0,30.0,10.0,20.0],
         "tree_param":{"num_deleted":"0","num_feature":"2","num_nodes":"5","size_leaf_vector":"1"}}]},
        "name":"gbtree"},
       "learner_model_param":{"base_score":"5E-1","boost_from_average":"1","num_class":"0",
        "num_feature":"2","num_target":"1"},
       "objective":{"name":"binary:logistic","reg_loss_param":{"scale_pos_weight":"1"}}},
       "version":[2,1,4]}
      """;

  @TempDir
  Path dir;

  @Test
  void convertedAndOriginalModelsPredictTheSame() throws IOException {
    Path xgb = Files.writeString(dir.resolve("model.json"), XGBOOST);
    Path data = Files.writeString(dir.resolve("rows.csv"), "a,color\n0.1,1\n0.5,1\n0.7,2\n0.7,0\n,0\n2.0,\n");
    Path converted = dir.resolve("boreal.json");
    CliRunner convert = CliRunner.run("convert", "--from", "xgboost", xgb.toString(), "--out", converted.toString());
    assertEquals(0, convert.exitCode, convert.err);
    assertTrue(convert.out.contains("1 trees, 2 features"), convert.out);

    Path fromOriginal = dir.resolve("p1.csv");
    Path fromConverted = dir.resolve("p2.csv");
    for (Path[] run : new Path[][] {{xgb, fromOriginal}, {converted, fromConverted}}) {
      CliRunner predict = CliRunner.run("predict", "--model", run[0].toString(), "--data", data.toString(),
          "--categorical", "color", "--out", run[1].toString());
      assertEquals(0, predict.exitCode, predict.err);
    }
    assertArrayEquals(Files.readAllBytes(fromOriginal), Files.readAllBytes(fromConverted));
    String[] lines = Files.readString(fromOriginal).strip().split("\n");
    double[] margins = {-0.3, 0.6, 0.6, 0.2, -0.3, 0.6};
    for (int r = 0; r < margins.length; r++) {
      double expected = 1 / (1 + Math.exp(-(double) (float) margins[r]));
      assertEquals(expected, Double.parseDouble(lines[r + 1]), 1e-12, "row " + r);
    }
  }

  @Test
  void wrongUsesFailWithOneLine() throws IOException {
    Path xgb = Files.writeString(dir.resolve("model.json"), XGBOOST);
    Path out = dir.resolve("out.json");
    CliRunner r = CliRunner.run("convert", "--from", "lightgbm", xgb.toString(), "--out", out.toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("is an XGBoost JSON model, not a LightGBM text model"), r.err);
    r = CliRunner.run("convert", "--from", "catboost", xgb.toString(), "--out", out.toString());
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("Unknown model format 'catboost'"), r.err);
    r = CliRunner.run("convert", "--from", "xgboost", dir.resolve("none.json").toString(), "--out", out.toString());
    assertEquals(1, r.exitCode);
    assertTrue(r.err.contains("none.json: does not exist."), r.err);
    assertTrue(Files.notExists(out), "no output file after a failure");
  }
}
