package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FT-Transformer and the MLP-PLR through the commands: train, predict and explain as for the mlp,
 * {@code -p boosting=ft-transformer} equal to {@code --algorithm ft-transformer}, bad parameters refused in one
 * sentence with exit 2 and no model file, and both nets in {@code compare} when asked for.
 */
class FtTransformerCommandsTest {
  private static final String[] SMALL = {"--label", "label", "--objective", "binary", "-p", "n_heads=2",
      "-p", "n_blocks=1", "-p", "max_epochs=2", "--threads", "2", "--log-every", "0"};

  @TempDir Path dir;
  private Path data;

  @BeforeEach
  void writeData() throws IOException {
    data = dir.resolve("train.csv");
    SyntheticData.writeCsv(data, 400, 3);
  }

  private CliRunner train(Path model, String... more) {
    String[] args = new String[5 + SMALL.length + more.length];
    String[] head = {"train", "--data", data.toString(), "--model", model.toString()};
    System.arraycopy(head, 0, args, 0, 5);
    System.arraycopy(SMALL, 0, args, 5, SMALL.length);
    System.arraycopy(more, 0, args, 5 + SMALL.length, more.length);
    return CliRunner.run(args);
  }

  @Test
  void trainsPredictsAndExplainsLikeTheMlp() throws IOException {
    Path model = dir.resolve("ft.json");
    CliRunner t = train(model, "--algorithm", "ft-transformer", "-p", "d_token=8");
    assertEquals(0, t.exitCode, t.err);
    assertTrue(t.out.contains("Trained an ft-transformer (") && t.out.contains("1 block, d_token 8, 2 heads"),
        t.out);
    String json = Files.readString(model);
    assertTrue(json.contains("\"algorithm\" : \"ft-transformer\"") && json.contains("\"quantiles\""), "file");
    Path other = dir.resolve("ft2.json");
    assertEquals(0, train(other, "-p", "boosting=ft_transformer", "-p", "d_token=8").exitCode);
    assertEquals(json, Files.readString(other), "-p boosting= trains the same model");
    Path predictions = dir.resolve("p.csv");
    CliRunner p = CliRunner.run("predict", "--model", model.toString(), "--data", data.toString(), "--out",
        predictions.toString());
    assertEquals(0, p.exitCode, p.err);
    assertEquals(401, Files.readAllLines(predictions).size());
    Path rows = dir.resolve("rows.csv");
    Files.write(rows, Files.readAllLines(data).subList(0, 6));
    Path shap = dir.resolve("shap.csv");
    CliRunner e = CliRunner.run("explain", "--model", model.toString(), "--data", rows.toString(), "--out",
        shap.toString());
    assertEquals(0, e.exitCode, e.err);
    assertTrue(e.out.contains("KernelSHAP"), e.out);
    assertEquals(6, Files.readAllLines(shap).size());
  }

  @Test
  void badParametersAreOneSentenceWithExit2AndNoModelFile() {
    Path model = dir.resolve("bad.json");
    String[][] cases = {{"-p", "d_token=9"}, {"-p", "preset=huge"}, {"-p", "numeric_embedding=pl"},
        {"-p", "attention_dropout=1"}};
    String[] messages = {"n_heads (2) must divide d_token (9) so that every attention head has the same width.",
        "preset must be one of default, small; got 'huge'", "numeric_embedding must be one of none, plr",
        "attention_dropout"};
    for (int c = 0; c < cases.length; c++) {
      CliRunner r = train(model, "--algorithm", "ft-transformer", cases[c][0], cases[c][1]);
      assertEquals(2, r.exitCode, cases[c][1]);
      assertTrue(r.errIsOneLine() && r.err.contains(messages[c]), r.err);
      assertFalse(Files.exists(model), "no model file is left behind");
    }
  }

  @Test
  void compareRunsTheNetsWithEmbeddingsAndAttentionWhenAskedFor() {
    CliRunner r = CliRunner.run("compare", "--data", data.toString(), "--folds", "2", "--label", "label",
        "--objective", "binary", "--threads", "2", "--algorithms", "mlp-plr,ft-transformer", "-p", "max_epochs=2",
        "-p", "d_token=8", "-p", "n_heads=2", "-p", "n_blocks=1", "--hidden", "8");
    assertEquals(0, r.exitCode, r.err);
    for (String alg : new String[] {"mlp-plr", "ft-transformer"}) {
      assertTrue(r.out.lines().anyMatch(l -> l.startsWith(alg + " ")), alg + ": " + r.out);
    }
  }
}
