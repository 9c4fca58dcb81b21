package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** describe and train say when one stray value made a numeric column categorical, and --numeric undoes it. */
class TypeSurprisesTest {
  private static final String NOTE = "note: %s: column 'x' reads as categorical because 1 of its 5000 values is not"
      + " a number (the first, 'oops', at row 4812); give --numeric x to read such values as missing, or"
      + " --categorical x to keep it categorical.";

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeFile() throws IOException {
    StringBuilder b = new StringBuilder("y,x,z,\n");
    for (int r = 0; r < 5000; r++) {
      b.append(r % 2).append(',').append(r == 4811 ? "oops" : Integer.toString(r % 13)).append(',').append(r % 7)
          .append(",\n");
    }
    file = dir.resolve("stray.csv");
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  private String trailingNote() {
    return "note: " + file + ": every line ends with a delimiter, which makes an unnamed last column without"
        + " values; it is left out.";
  }

  @Test
  void describeSaysSoOnStderrAndInJson() throws IOException {
    CliRunner r = CliRunner.run("describe", "--data", file.toString(), "--label", "y");
    assertEquals(0, r.exitCode, r.err);
    assertEquals(trailingNote() + "\n" + String.format(NOTE, file), r.err.strip());
    assertTrue(r.out.contains("3 columns (2 features: 1 numeric, 1 categorical)"), r.out);
    CliRunner json = CliRunner.run("describe", "--json", "--data", file.toString(), "--label", "y");
    JsonNode notes = new ObjectMapper().readTree(json.out).get("notes");
    assertEquals(2, notes.size());
    assertEquals(String.format(NOTE, file).substring("note: ".length()), notes.get(1).asText());
  }

  @Test
  void trainSaysSoAndNumericReadsTheStrayValueAsMissing() {
    Path model = dir.resolve("m.json");
    CliRunner r = CliRunner.run("train", "--data", file.toString(), "--label", "y", "--rounds", "2",
        "--model", model.toString());
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.err.contains(String.format(NOTE, file)), r.err);
    CliRunner forced = CliRunner.run("train", "--data", file.toString(), "--label", "y", "--rounds", "2",
        "--model", model.toString(), "--numeric", "x");
    assertEquals(0, forced.exitCode, forced.err);
    assertEquals(trailingNote(), forced.err.strip());
    CliRunner described = CliRunner.run("describe", "--data", file.toString(), "--label", "y", "--numeric", "x");
    assertTrue(described.out.lines().anyMatch(l -> l.matches("x +feature +numeric +1 .*")), described.out);
  }

  @Test
  void aNumberBeyondTheDoubleRangeStopsTrainWithItsLineAndColumn() throws IOException {
    Path big = dir.resolve("big.csv");
    Files.writeString(big, "y,x\n1,2\n0,1e400\n", StandardCharsets.UTF_8);
    CliRunner r = CliRunner.run("train", "--data", big.toString(), "--label", "y", "--model",
        dir.resolve("b.json").toString());
    assertEquals(1, r.exitCode, r.err);
    assertTrue(r.errIsOneLine(), r.err);
    assertTrue(r.err.contains(big + ": line 3, column 'x': the number '1e400' is too large for a double"), r.err);
  }
}
