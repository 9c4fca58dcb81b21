package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeCommandTest {
  @TempDir Path dir;

  static Path sharedData(String relative) {
    String root = System.getProperty("boreal.shared.data", "../shared/data");
    Path p = Path.of(root, relative);
    assumeTrue(Files.exists(p), "peer data " + p + " is absent (it lives in ../shared/data beside the checkout); "
        + "skipping");
    return p;
  }

  private JsonNode describeJson(String... args) throws IOException {
    String[] all = new String[args.length + 2];
    all[0] = "describe";
    all[1] = "--json";
    System.arraycopy(args, 0, all, 2, args.length);
    CliRunner r = CliRunner.run(all);
    assertEquals(0, r.exitCode, r.err);
    return new ObjectMapper().readTree(r.out);
  }

  @Test
  void describesASmallCsvWithEveryKindOfColumn() throws IOException {
    Path file = dir.resolve("small.csv");
    Files.writeString(file, "y,x,color,w\n1,0.5,red,1\n0,NA,blue,2\n1,2.5,red,1\n0,1.5,,0.5\n",
        StandardCharsets.UTF_8);
    JsonNode s = describeJson("--data", file.toString(), "--label", "y", "--weight", "w");
    assertEquals(4, s.get("rows").asInt());
    assertEquals("csv", s.get("format").asText());
    JsonNode x = s.get("columns").get(1);
    assertEquals("x", x.get("name").asText());
    assertEquals("feature", x.get("role").asText());
    assertEquals("numeric", x.get("type").asText());
    assertEquals(1, x.get("missing").asInt());
    assertEquals(0.5, x.get("min").asDouble());
    assertEquals(2.5, x.get("max").asDouble());
    assertEquals(1.5, x.get("mean").asDouble(), 1e-12);
    JsonNode color = s.get("columns").get(2);
    assertEquals("categorical", color.get("type").asText());
    assertEquals(2, color.get("categories").asInt());
    assertEquals(1, color.get("missing").asInt());
    assertEquals("weight", s.get("columns").get(3).get("role").asText());
    assertEquals(2, s.get("label").get("classes").get("0").asInt());
    assertEquals(2, s.get("label").get("classes").get("1").asInt());
  }

  @Test
  void nanLabelIsRefusedWithItsRow() throws IOException {
    Path file = dir.resolve("nan.csv");
    Files.writeString(file, "y,x\n1,2\nNaN,3\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("describe", "--data", file.toString(), "--label", "y");
    assertEquals(1, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("row 2") && r.err.contains("'y'"), r.err);
  }

  @Test
  void missingLabelColumnIsNamed() throws IOException {
    Path file = dir.resolve("a.csv");
    Files.writeString(file, "y,x\n1,2\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("describe", "--data", file.toString(), "--label", "target");
    assertEquals(2, r.exitCode);
    assertTrue(r.errIsOneLine() && r.err.contains("'target'"), r.err);
  }

  @Test
  void lightgbmBinaryHas7000RowsAnd28Features() throws IOException {
    Path file = sharedData("lightgbm-binary/binary.train");
    JsonNode s = describeJson("--data", file.toString(), "--no-header", "--label", "0");
    assertEquals(7000, s.get("rows").asInt());
    int features = 0;
    for (JsonNode c : s.get("columns")) {
      if (c.get("role").asText().equals("feature")) {
        features++;
        assertTrue(c.get("bins").asInt() >= 2, c.toString());
      }
    }
    assertEquals(28, features);
    assertEquals(2, s.get("label").get("classes").size());
  }

  @Test
  void agaricusHas6513Rows() throws IOException {
    Path file = sharedData("xgboost-agaricus/agaricus.txt.train");
    JsonNode s = describeJson("--data", file.toString());
    assertEquals(6513, s.get("rows").asInt());
    assertEquals("libsvm", s.get("format").asText());
    assertEquals("label", s.get("label").get("name").asText());
  }

  @Test
  void textOutputNamesRowsAndFeatures() {
    Path file = sharedData("lightgbm-regression/regression.train");
    CliRunner r = CliRunner.run("describe", "--data", file.toString(), "--no-header", "--label", "0");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("7,000 rows") && r.out.contains("28 features"), r.out);
  }
}
