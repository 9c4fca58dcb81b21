package dev.boreal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code boreal bench suite} refuses before it starts a single child: a folder without tasks.tsv, a set whose
 * file is missing, a malformed line of tasks.tsv or reference.tsv, and parameters Boreal's table refuses. Each is
 * one sentence on stderr (no stack trace) naming the file and line or the parameter, with exit code 2.
 */
class SuiteInputTest {
  @TempDir
  Path dir;

  @BeforeEach
  void writeSuite() throws IOException {
    TinySuite.write(dir);
  }

  @Test
  void folderWithoutTasksIsRefused() throws IOException {
    Files.delete(dir.resolve("tasks.tsv"));
    assertRefused(List.of(), dir.resolve("tasks.tsv") + " is missing");
  }

  @Test
  void missingDataFileIsRefused() throws IOException {
    Files.delete(dir.resolve("multi.test.csv"));
    assertRefused(List.of(), dir.resolve("multi.test.csv") + " is missing: data set 'multi' (" + dir.resolve(
        "tasks.tsv") + " line 3)");
  }

  /** A line of tasks.tsv or reference.tsv replaced by a malformed one: the message names the file and line. */
  @ParameterizedTest(name = "{0} line {1}: {2}")
  @CsvSource(delimiter = '|', value = {
    "tasks.tsv | 3 | multi\tmulticlass\t340\t2 | line 3: 4 tab-separated fields where the header has 5",
    "tasks.tsv | 4 | reg\tpoisson\t340\t2\t0 | line 4: task 'poisson' is not binary, multiclass or regression.",
    "tasks.tsv | 2 | bin\tbinary\tmany\t2\t2 | line 2: rows must be a whole number of 0 or more, not 'many'.",
    "tasks.tsv | 3 | multi\tmulticlass\t340\t2\t1 | line 3: a multiclass set needs classes of 2 or more, not 1.",
    "tasks.tsv | 4 | bin\tregression\t340\t2\t0 | line 4: data set 'bin' is listed twice (also line 2).",
    "reference.tsv | 2 | bin\tbinary\tsklearn-hgb-1.2.1\tlogloss\t0.5\t0.1"
        + " | line 2: metric 'logloss' is not auc, the metric of a binary set.",
    "reference.tsv | 5 | multi\tmulticlass\tsklearn-hgb-1.2.1\taccuracy\thigh\t0.1"
        + " | line 5: value must be a number, not 'high'.",
    "reference.tsv | 3 | glass\tmulticlass\txgboost-1.7.4\taccuracy\t0.7\t0.1"
        + " | line 3: data set 'glass' is not listed in tasks.tsv.",
  })
  void malformedLineIsRefused(String file, int line, String replacement, String expected) throws IOException {
    Path path = dir.resolve(file);
    List<String> lines = new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8));
    lines.set(line - 1, replacement);
    Files.write(path, lines, StandardCharsets.UTF_8);
    assertRefused(List.of(), path + " " + expected);
  }

  /** Options refused before anything runs; the arguments are split on spaces. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "-p num_leafs=63 | -p num_leafs=63: Unknown parameter 'num_leafs'; did you mean",
    "-p num_leaves | should be in KEY=VALUE format",
    "-p objective=poisson | -p objective: the objective and its classes follow each data set's task in tasks.tsv.",
    "--rf-param bagging_fraction=1.5 | --rf-param: bagging_fraction",
    "--rf-param criterion=entropy --sets reg | --rf-param on regression set reg: criterion entropy is for",
    "--algorithms gbdt,svm | --algorithms takes gbdt, rf, mlp, mlp-plr, ft-transformer, not 'svm'.",
    "--algorithms mlp --net-param boosting=gbdt | --net-param boosting: the algorithms are chosen with --algorithms.",
    "--algorithms mlp --net-param num_class=4 | --net-param num_class: the objective and its classes follow",
    "--algorithms mlp-plr --net-param max_epochs=0 | --net-param: max_epochs",
    "-p boosting=rf | -p boosting: the algorithms are chosen with --algorithms.",
    "--peers catboost | --peers takes lightgbm and xgboost, or none, not 'catboost'.",
    "--sets bin,nope | --sets names 'nope', which",
    "--threads 0 | --threads must be at least 1, not 0.",
  })
  void badOptionIsRefused(String arguments, String expected) {
    assertRefused(List.of(arguments.split(" ")), expected);
  }

  /** The real suite folder parses, when it is there: 16 sets, each with the three reference scores. */
  @Test
  void sharedSuiteFolderParses() {
    Path suite = PeerAccuracyTest.sharedData().resolve("suite");
    assumeTrue(Files.isDirectory(suite), "the accuracy suite " + suite + " is absent (see ../shared/data/README.md);"
        + " skipping the check that its tasks.tsv and reference.tsv parse");
    SuiteFolder folder = SuiteFolder.read(suite);
    List<SuiteFolder.DataSet> sets = folder.select(List.of());
    assertEquals(16, sets.size());
    assertEquals(List.of("sklearn-hgb-1.2.1", "xgboost-1.7.4", "sklearn-rf-1.2.1"), folder.referenceModels());
    for (SuiteFolder.DataSet set : sets) {
      assertEquals(3, folder.reference(set.name()).size(), set.name());
    }
  }

  /** Runs the suite with the arguments; it must print nothing, and one line holding {@code expected}, exit 2. */
  private void assertRefused(List<String> arguments, String expected) {
    List<String> args = new ArrayList<>(List.of("--suite", dir.toString()));
    args.addAll(arguments);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Suite.run(new PrintWriter(out), new PrintWriter(err), args.toArray(new String[0]));
    String message = err.toString();
    assertEquals(2, code, message);
    assertEquals("", out.toString(), "nothing is printed before the refusal");
    assertEquals(1, message.lines().count(), "one line: " + message);
    assertTrue(message.contains(expected), message);
  }
}
