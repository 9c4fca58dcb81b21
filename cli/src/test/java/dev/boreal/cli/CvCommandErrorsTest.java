package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code boreal cv}: one sentence on stderr, no stack trace, exit 2, and no output file. */
class CvCommandErrorsTest {
  @TempDir Path dir;
  private String binary;

  @BeforeEach
  void data() throws IOException {
    binary = CvTestData.write(dir.resolve("binary.csv"), "binary", 60, 1).file().toString();
  }

  /** Asserts a usage error naming {@code words}, and that no JSON or model was written. */
  private void assertUsage(String words, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--json", dir.resolve("cv.json").toString(), "--model", dir.resolve("m.json").toString()));
    CliRunner r = CliRunner.run(all.toArray(new String[0]));
    assertEquals(2, r.exitCode, r.out + r.err);
    assertTrue(r.errIsOneLine() && r.err.contains(words), r.err);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("binary.csv"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no output, not even a temporary file");
    }
  }

  @Test
  void foldsBelowTwo() throws IOException {
    assertUsage("--folds must be between 2 and the number of rows (60); got 1.", "cv", "--data", binary,
        "--label", "y", "--objective", "binary", "--folds", "1");
  }

  @Test
  void moreFoldsThanRows() throws IOException {
    assertUsage("--folds must be between 2 and the number of rows (60); got 61.", "cv", "--data", binary,
        "--label", "y", "--objective", "regression", "--folds", "61");
  }

  @Test
  void moreFoldsThanQueryGroups() throws IOException {
    Path rank = dir.resolve("rank.csv");
    Files.write(rank, List.of("y,x,qid", "1,0.5,1", "0,0.2,1", "2,0.9,2", "0,0.1,2", "1,0.3,3", "0,0.4,3"));
    CliRunner r = CliRunner.run("cv", "--data", rank.toString(), "--label", "y", "--group", "qid", "--objective",
        "lambdarank", "--folds", "4");
    assertEquals(2, r.exitCode, r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("--folds must be between 2 and the number of query groups (3); "
        + "got 4."), r.err);
  }

  @Test
  void aClassWithFewerRowsThanFoldsIsNamedWithItsCount() throws IOException {
    Path rare = dir.resolve("rare.csv");
    List<String> lines = new ArrayList<>(List.of("y,x"));
    for (int i = 0; i < 30; i++) {
      lines.add((i < 3 ? "fraud" : "ok") + "," + i);
    }
    Files.write(rare, lines);
    CliRunner r = CliRunner.run("cv", "--data", rare.toString(), "--label", "y", "--objective", "binary");
    assertEquals(2, r.exitCode, r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("Class 'fraud' has 3 rows, fewer than the 5 folds")
        && r.err.contains("use --folds 3 or fewer."), r.err);
  }

  @Test
  void missingData() throws IOException {
    assertUsage("boreal cv needs --data FILE.", "cv", "--label", "y", "--objective", "binary");
  }

  @Test
  void missingObjective() throws IOException {
    assertUsage("boreal cv needs --objective", "cv", "--data", binary, "--label", "y");
  }

  @Test
  void unknownAlgorithm() throws IOException {
    assertUsage("Unknown --algorithm 'xgb': expected gbdt, rf, mlp or ft-transformer.", "cv", "--data", binary,
        "--label", "y", "--objective", "binary", "--algorithm", "xgb");
  }

  @Test
  void anAlgorithmThatCannotLearnTheObjective() throws IOException {
    assertUsage("--algorithm rf cannot learn lambdarank: random forests learn regression, binary and multiclass.",
        "cv", "--data", binary, "--label", "y", "--objective", "lambdarank", "--algorithm", "rf");
  }

  @Test
  void anAlgorithmThatContradictsBoosting() throws IOException {
    assertUsage("--algorithm gbdt contradicts boosting=rf", "cv", "--data", binary, "--label", "y", "--objective",
        "binary", "--algorithm", "gbdt", "-p", "boosting=rf");
  }

  @Test
  void noMetric() throws IOException {
    assertUsage("cross-validation needs a metric, but metric=none names none", "cv", "--data", binary, "--label",
        "y", "--objective", "binary", "--metric", "none");
  }

  @Test
  void metricGivenTwiceWithTwoValues() throws IOException {
    assertUsage("metric is given twice", "cv", "--data", binary, "--label", "y", "--objective", "binary",
        "--metric", "auc", "-p", "metric=binary_logloss");
  }

  @Test
  void negativeLogEvery() throws IOException {
    assertUsage("--log-every must be 0 (never) or more; got -1.", "cv", "--data", binary, "--label", "y",
        "--objective", "binary", "--log-every", "-1");
  }

  @Test
  void aFoldThatFailsMidwayStopsEveryFoldAndLeavesNoOutput() throws IOException {
    // Steps this large make the network's outputs overflow: the mlp refuses to go on after the first epoch.
    assertUsage("MLP training diverged", "cv", "--data", binary, "--label", "y", "--objective", "regression",
        "--algorithm", "mlp", "--folds", "3", "-p", "learning_rate=1e300", "-p", "optimizer=sgd", "--hidden", "4");
  }

  @Test
  void featuresThatNoTreeCanSplitLeaveNoCurve() throws IOException {
    Path constant = dir.resolve("constant.csv");
    List<String> lines = new ArrayList<>(List.of("y,x"));
    for (int i = 0; i < 40; i++) {
      lines.add(i % 3 + ",1.5");
    }
    Files.write(constant, lines);
    CliRunner r = CliRunner.run("cv", "--data", constant.toString(), "--label", "y", "--objective", "regression",
        "--folds", "3");
    assertEquals(1, r.exitCode, r.out + r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("no fold's first tree found a split"), r.err);
  }

  @Test
  void anOutputFolderThatDoesNotExistIsRefusedBeforeTraining() {
    Path missing = dir.resolve("no-such-folder").resolve("cv.json");
    CliRunner r = CliRunner.run("cv", "--data", binary, "--label", "y", "--objective", "binary", "--json",
        missing.toString());
    assertEquals(1, r.exitCode, r.err);
    assertTrue(r.errIsOneLine() && r.err.contains("folder") && r.err.contains("does not exist"), r.err);
    assertTrue(!r.out.contains("Cross-validating"), "nothing was trained: " + r.out);
  }

  @Test
  void helpListsTheCommand() {
    CliRunner top = CliRunner.run("--help");
    assertEquals(0, top.exitCode);
    assertTrue(top.out.contains("cv"), top.out);
    CliRunner help = CliRunner.run("cv", "--help");
    assertEquals(0, help.exitCode);
    assertTrue(help.out.contains("--folds") && help.out.contains("--json") && help.out.contains("--model"), help.out);
  }
}
