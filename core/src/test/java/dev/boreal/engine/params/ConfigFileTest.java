package dev.boreal.engine.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LightGBM config files and their merge with command-line values. */
class ConfigFileTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void readsSettingsInFileOrderSkippingCommentsAndBlankLines() throws IOException {
    Path file = write("train.conf", String.join("\n",
        "# task settings, as LightGBM's examples write them",
        "task = train",
        "",
        "   ",
        "objective=binary  # trailing comment",
        "  num_leaves =  63",
        "metric =",
        "interaction_constraints = [0,1],[2,3]",
        "label_gain=0,1,3"));
    Map<String, String> settings = ConfigFile.parse(file);
    assertEquals(List.of("task", "objective", "num_leaves", "metric", "interaction_constraints", "label_gain"),
        List.copyOf(settings.keySet()));
    assertEquals("train", settings.get("task"));
    assertEquals("binary", settings.get("objective"));
    assertEquals("63", settings.get("num_leaves"));
    assertEquals("", settings.get("metric"));
    assertEquals("[0,1],[2,3]", settings.get("interaction_constraints"));
    assertEquals("0,1,3", settings.get("label_gain"));
  }

  @Test
  void byteOrderMarkAndWindowsLineEndsAreIgnored() throws IOException {
    Path file = write("bom.conf", "\uFEFFnum_leaves = 7\r\neta = 0.3\r\n");
    assertEquals(Map.of("num_leaves", "7", "eta", "0.3"), ConfigFile.parse(file));
  }

  @Test
  void malformedLineIsReportedWithFileAndLine() throws IOException {
    Path file = write("bad.conf", "num_leaves = 7\n# fine\nnum leaves 8\n");
    InputException e = assertThrows(InputException.class, () -> ConfigFile.parse(file));
    assertEquals("Config file '" + file + "', line 3: expected 'name = value' but got 'num leaves 8'.",
        e.getMessage());
  }

  @Test
  void lineWithoutNameIsMalformed() throws IOException {
    Path file = write("noname.conf", "= 3\n");
    assertTrue(assertThrows(InputException.class, () -> ConfigFile.parse(file)).getMessage()
        .contains("line 1: expected 'name = value'"));
  }

  @Test
  void repeatedNameWithAnotherValueIsReported() throws IOException {
    Path file = write("twice.conf", "num_leaves = 7\nnum_leaves = 7\n\nnum_leaves = 9\n");
    InputException e = assertThrows(InputException.class, () -> ConfigFile.parse(file));
    assertEquals("Config file '" + file + "', line 4: num_leaves = 9 contradicts num_leaves = 7 on line 1.",
        e.getMessage());
  }

  @Test
  void missingFileIsAnInputError() {
    Path file = dir.resolve("absent.conf");
    assertTrue(assertThrows(InputException.class, () -> ConfigFile.parse(file)).getMessage()
        .startsWith("Cannot read config file '" + file + "'"));
  }

  @Test
  void commandLineWinsOverTheFileUnderAnyAlias() {
    Map<String, String> file = new LinkedHashMap<>();
    file.put("eta", "0.3");
    file.put("num_leaves", "7");
    file.put("Max-Bin", "63");
    Map<String, String> commandLine = new LinkedHashMap<>();
    commandLine.put("learning_rate", "0.05");
    commandLine.put("max_bin", "127");
    Map<String, String> merged = ConfigFile.merge(file, commandLine);
    assertEquals(List.of("num_leaves", "learning_rate", "max_bin"), List.copyOf(merged.keySet()));
    Params p = Params.of(merged);
    assertEquals(0.05, p.getDouble("learning_rate"));
    assertEquals(7, p.getInt("num_leaves"));
    assertEquals(127, p.getInt("max_bin"));
  }

  @Test
  void unknownNamesSurviveTheMergeSoParamsCanReportThem() {
    Map<String, String> merged = ConfigFile.merge(Map.of("task", "train"), Map.of("num_leaves", "7"));
    assertEquals("train", merged.get("task"));
    assertEquals("1", ConfigFile.merge(Map.of("task", "train"), Map.of("TASK", "1")).get("TASK"));
    assertEquals(1, ConfigFile.merge(Map.of("task", "train"), Map.of("TASK", "1")).size());
  }
}
