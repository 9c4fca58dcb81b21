package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.monitor.calibration.Calibrations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file's optional calibration: round trip, version, and refusals of a malformed one. */
class CalibratedModelFileTest {
  @TempDir
  Path dir;

  /** {@link ModelFileTest#model()} (3 classes) with a one-vs-rest isotonic calibration fitted on random margins. */
  private static Model calibrated() {
    Model m = ModelFileTest.model();
    Random random = new Random(2);
    int rows = 200;
    double[] margins = new double[rows * 3];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 3; j++) {
        margins[i * 3 + j] = random.nextGaussian();
      }
      labels[i] = random.nextInt(3);
    }
    return m.withLink(m.link().calibrated(Calibrations.fit("isotonic", m.link(), margins, 3, labels)));
  }

  @Test
  void roundTripKeepsTheCalibrationAndItsPredictions() throws IOException {
    Model m = calibrated();
    Path file = dir.resolve("m.json");
    ModelFile.write(m, file);
    Model back = ModelFile.read(file);
    assertEquals("isotonic", back.link().calibration().method());
    assertEquals(3, new ObjectMapper().readTree(file.toFile()).get("format_version").asInt());
    Random random = new Random(3);
    for (int r = 0; r < 100; r++) {
      double[] row = {random.nextGaussian() * 3, random.nextGaussian() * 3, random.nextGaussian() * 3};
      double[] a = row.clone();
      double[] b = row.clone();
      m.link().transformRow(a, 0, 3, a);
      back.link().transformRow(b, 0, 3, b);
      for (int j = 0; j < 3; j++) {
        assertEquals(a[j], b[j], 0.0);
      }
    }
  }

  @Test
  void aModelWithoutCalibrationKeepsItsVersionAndReadsBackWithout() throws IOException {
    Path file = dir.resolve("plain.json");
    ModelFile.write(ModelFileTest.model(), file);
    assertEquals(1, new ObjectMapper().readTree(file.toFile()).get("format_version").asInt());
    assertNull(ModelFile.read(file).link().calibration());
  }

  @Test
  void refusesAMalformedCalibration() throws IOException {
    assertEquals("m.json: field 'calibration' is not a valid calibration (method 'sigmoid' is not one of platt, "
        + "isotonic, temperature, beta, venn-abers).",
        readError(edit(c -> c.put("method", "sigmoid"))));
    assertEquals("m.json: field 'calibration' is not a valid calibration (a isotonic calibration of 3 outputs "
        + "holds 3 maps, but there are 2).",
        readError(edit(c -> ((ArrayNode) c.get("maps")).remove(0))));
    assertEquals("m.json: field 'calibration.maps[0]' must be an object.",
        readError(edit(c -> ((ArrayNode) c.get("maps")).set(0, 1))));
    assertEquals("m.json: field 'calibration' is not a valid calibration (parameter y holds NaN, not a finite "
        + "number).",
        readError(edit(c -> ((ArrayNode) c.get("maps").get(1).get("y")).set(0, "NaN"))));
    assertEquals("m.json: field 'calibration' is not a valid calibration (parameter x must hold at least one "
        + "number).",
        readError(edit(c -> {
          ((ObjectNode) c.get("maps").get(2)).putArray("x");
          ((ObjectNode) c.get("maps").get(2)).putArray("y");
        })));
    assertEquals("m.json: field 'calibration.method' is missing.", readError(edit(c -> c.remove("method"))));
  }

  @Test
  void refusesADecreasingIsotonicMap() throws IOException {
    String error = readError(edit(c -> {
      ArrayNode y = (ArrayNode) c.get("maps").get(0).get("y");
      double first = y.get(0).asDouble();
      y.set(0, 1.0);
      y.set(y.size() - 1, first < 1 ? first : 0.0);
    }));
    assertEquals(true, error.startsWith("m.json: field 'calibration' is not a valid calibration (parameter y must "
        + "not decrease"), error);
  }

  private String edit(Consumer<ObjectNode> changeCalibration) throws IOException {
    Path file = dir.resolve("written.json");
    ModelFile.write(calibrated(), file);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(file.toFile());
    changeCalibration.accept((ObjectNode) root.get("calibration"));
    return json.writeValueAsString(root);
  }

  private static String readError(String contents) {
    byte[] bytes = contents.getBytes(StandardCharsets.UTF_8);
    return assertThrows(InputException.class,
        () -> ModelFile.read(new ByteArrayInputStream(bytes), "m.json")).getMessage();
  }
}
