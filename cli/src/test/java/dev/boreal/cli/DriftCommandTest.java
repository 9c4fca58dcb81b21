package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.api.Monitoring;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ProfiledModel;
import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boreal profile} and {@code boreal drift}: the profile training stores, verdicts, exit codes, bad input. */
class DriftCommandTest {
  private static final Path IMPORTED = Path.of("../io/src/test/resources/dev/boreal/io/fixtures");
  @TempDir static Path dir;
  static Path train;
  static Path model;

  @BeforeAll
  static void trainModel() {
    train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 3000, 1);
    model = dir.resolve("m.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.LABEL, "--objective",
        "binary", "--rounds", "15", "--num-leaves", "8", "--threads", "2", "--log-every", "0", "--model",
        model.toString());
    assertEquals(0, t.exitCode, t.err);
  }

  @Test
  void trainingStoresAProfileOfEveryTrainingRow() {
    ProfiledModel m = ModelFile.readProfiled(model);
    assertNotNull(m.profile());
    assertEquals(3000, m.profile().rows());
    assertEquals(m.model().featureNames(), m.profile().featureNames());
    assertEquals(Monitoring.SHAP_ROWS, m.profile().shapRows());
    assertEquals(m.model().featureNames().size(), m.profile().meanAbsShap().length);
  }

  @Test
  void aScaledFeatureIsFoundWorstFirstAndFailOnDriftExitsThree() throws IOException {
    Path shifted = scaled("shifted.csv", "lepton_pt", 1.5);
    CliRunner r = CliRunner.run("drift", "--model", model.toString(), "--data", shifted.toString(), "--json",
        "--fail-on-drift", "--threads", "2");
    assertEquals(3, r.exitCode, r.err);
    JsonNode json = new ObjectMapper().readTree(r.out);
    JsonNode worst = json.get("features").get(0);
    assertEquals("lepton_pt", worst.get("name").asText());
    assertTrue(worst.get("drift").asBoolean());
    assertTrue(worst.get("psi").asDouble() > worst.get("psiThreshold").asDouble());
    assertEquals(2000, json.get("rows").asLong());
    assertEquals(3000, json.get("referenceRows").asLong());
    assertTrue(json.get("referenceRows").isIntegralNumber() && worst.get("referenceRows").isIntegralNumber(),
        "an unweighted reference's row count is a JSON integer");
    for (String field : new String[] {"referenceCells", "cells"}) {
      for (JsonNode count : worst.get(field)) {
        assertTrue(count.isIntegralNumber(), "unweighted counts are JSON integers: " + field);
      }
    }
    assertTrue(json.get("importanceNdcg").asDouble() > 0 && json.get("importanceNdcg").asDouble() <= 1);
    JsonNode channel = null;
    for (JsonNode f : json.get("features")) {
      channel = f.get("name").asText().equals(SyntheticData.CHANNEL) ? f : channel;
    }
    assertNotNull(channel);
    assertTrue(channel.get("ks").isNull(), "no KS for categories");
    assertEquals(0.0, channel.get("unseenRate").asDouble());

    Path html = dir.resolve("drift.html");
    CliRunner text = CliRunner.run("drift", "--model", model.toString(), "--data", shifted.toString(), "--report",
        html.toString());
    assertEquals(0, text.exitCode, text.err);
    String page = Files.readString(html);
    assertTrue(page.indexOf("lepton_pt \u00B7 drift") > 0
        && page.indexOf("lepton_pt \u00B7 drift") < page.indexOf(SyntheticData.CHANNEL + " \u00B7 "), "worst first");
    String[] lines = text.out.split("\n");
    assertTrue(lines[2].startsWith("lepton_pt ") && lines[2].contains("DRIFT"), text.out);
  }

  @Test
  void theTrainingDataItselfDoesNotDrift() {
    CliRunner r = CliRunner.run("drift", "--model", model.toString(), "--data", train.toString(), "--fail-on-drift");
    assertEquals(0, r.exitCode, r.out + r.err);
    assertTrue(r.out.contains("0 of 29 features drifted; the prediction did not drift."), r.out);
  }

  @Test
  void noProfileWritesTheSameModelWithoutOne() throws IOException {
    Path bare = dir.resolve("no-profile.json");
    CliRunner t = CliRunner.run("train", "--data", train.toString(), "--label", SyntheticData.LABEL, "--objective",
        "binary", "--rounds", "15", "--num-leaves", "8", "--threads", "2", "--log-every", "0", "--no-profile",
        "--model", bare.toString());
    assertEquals(0, t.exitCode, t.err);
    assertEquals(null, ModelFile.readProfiled(bare).profile());
    Path stripped = dir.resolve("stripped.json");
    ModelFile.write(ModelFile.readAny(model), stripped);
    assertEquals(Files.readString(stripped), Files.readString(bare));
    // Training profiles the table it kept open; boreal profile reads the file afresh: the same profile.
    Path added = dir.resolve("profile-added.json");
    CliRunner p = CliRunner.run("profile", "--model", bare.toString(), "--data", train.toString(), "--label",
        SyntheticData.LABEL, "--threads", "2", "--out", added.toString());
    assertEquals(0, p.exitCode, p.err);
    assertEquals(Files.readString(model), Files.readString(added));
  }

  @Test
  void aModelWithoutAProfileIsRefusedInOneSentence() {
    Path bare = dir.resolve("bare.json");
    ModelFile.write(ModelFile.readAny(model), bare);
    CliRunner r = CliRunner.run("drift", "--model", bare.toString(), "--data", train.toString());
    assertEquals(1, r.exitCode);
    assertEquals("boreal: " + bare + ": has no drift profile; add one with 'boreal profile --model " + bare
        + " --data TRAIN'.\n", r.err);
  }

  @Test
  void newDataMissingAFeatureIsRefusedInOneSentence() throws IOException {
    List<String> lines = Files.readAllLines(train);
    StringBuilder s = new StringBuilder();
    for (String line : lines.subList(0, 200)) {
      String[] cells = line.split(",", -1);
      s.append(String.join(",", List.of(cells).subList(0, cells.length - 1))).append('\n');
    }
    Path missing = Files.writeString(dir.resolve("no-channel.csv"), s);
    CliRunner r = CliRunner.run("drift", "--model", model.toString(), "--data", missing.toString());
    assertEquals(2, r.exitCode, r.err);
    assertEquals("boreal: " + missing + ": has no column 'channel', a feature of the model.\n", r.err);
  }

  @Test
  void profileAddsOneToAnImportedLightGbmOrXgboostModel() throws IOException {
    assumeTrue(Files.isDirectory(IMPORTED), "the io module's fixtures are not at " + IMPORTED.toAbsolutePath());
    String[][] fixtures = {{"lightgbm.txt", "x,shade,z,w", "shade"}, {"xgboost.json", "a,color,c", "color"}};
    for (String[] f : fixtures) {
      String fixture = f[0];
      Path rows = rowsOf(fixture + ".csv", f[1]);
      Path source = IMPORTED.resolve(fixture);
      CliRunner refused = CliRunner.run("profile", "--model", source.toString(), "--data", rows.toString());
      assertEquals(2, refused.exitCode);
      assertEquals("boreal: " + source + " is not a Boreal model file; give --out FILE for the Boreal model with its "
          + "profile.\n", refused.err);
      Path out = dir.resolve(fixture + ".profiled.json");
      CliRunner r = CliRunner.run("profile", "--model", source.toString(), "--data", rows.toString(),
          "--categorical", f[2], "--out", out.toString());
      assertEquals(0, r.exitCode, r.err);
      ProfiledModel m = ModelFile.readProfiled(out);
      long rowCount = Files.readAllLines(rows).size() - 1;
      assertEquals(rowCount, m.profile().rows());
      CliRunner drift = CliRunner.run("drift", "--model", out.toString(), "--data", rows.toString(),
          "--categorical", f[2], "--json");
      assertEquals(0, drift.exitCode, drift.err);
      JsonNode json = new ObjectMapper().readTree(drift.out);
      for (JsonNode feature : json.get("features")) {
        assertEquals(0.0, feature.get("psi").asDouble(), 1e-12, feature.get("name").asText());
        assertFalse(feature.get("drift").asBoolean());
      }
    }
  }

  /** 300 rows of numbers in [-3, 3], the second column integer category codes 0..5. */
  private static Path rowsOf(String name, String header) throws IOException {
    java.util.Random random = new java.util.Random(name.hashCode());
    int columns = header.split(",").length;
    StringBuilder s = new StringBuilder(header).append('\n');
    for (int r = 0; r < 300; r++) {
      for (int c = 0; c < columns; c++) {
        s.append(c == 0 ? "" : ",").append(c == 1 ? Integer.toString(random.nextInt(6))
            : String.format(Locale.ROOT, "%.4f", random.nextDouble() * 6 - 3));
      }
      s.append('\n');
    }
    return Files.writeString(dir.resolve(name), s);
  }

  /** The training rows' generator at another seed, with one column multiplied by {@code factor}. */
  private static Path scaled(String name, String column, double factor) throws IOException {
    Path plain = dir.resolve("plain-" + name);
    SyntheticData.writeCsv(plain, 2000, 2);
    List<String> lines = Files.readAllLines(plain);
    int index = List.of(lines.get(0).split(",")).indexOf(column);
    StringBuilder s = new StringBuilder(lines.get(0)).append('\n');
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (!cells[index].isEmpty()) {
        cells[index] = String.format(Locale.ROOT, "%.6f", Double.parseDouble(cells[index]) * factor);
      }
      s.append(String.join(",", cells)).append('\n');
    }
    return Files.writeString(dir.resolve(name), s);
  }
}
