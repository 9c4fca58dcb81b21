package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.model.Model;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection from content, and loading each format through the one entry point. */
class ModelFormatsTest {
  @TempDir
  Path dir;

  @Test
  void detectsEachFormatFromItsContent() {
    assertEquals(ModelFormats.Format.XGBOOST, ModelFormats.detect(bytes(XgboostModelImporterTest.MODEL)));
    assertEquals(ModelFormats.Format.LIGHTGBM, ModelFormats.detect(bytes(LightGbmModelImporterTest.MODEL)));
    assertEquals(ModelFormats.Format.BOREAL, ModelFormats.detect(bytes("\uFEFF {\n \"format\" : \"boreal-model\"")));
    assertNull(ModelFormats.detect(bytes("label,x\n1,2\n")));
  }

  @Test
  void loadsEveryFormatAndAConvertedModelScoresTheSame() throws IOException {
    Path xgb = write("model.bin", XgboostModelImporterTest.MODEL);
    Path lgb = write("model", LightGbmModelImporterTest.MODEL);
    Model fromXgb = ModelFormats.load(xgb);
    Model fromLgb = ModelFormats.load(lgb, ModelFormats.Format.LIGHTGBM);
    Path converted = dir.resolve("converted.json");
    ModelFile.write(fromXgb, converted);
    Model back = ModelFormats.load(converted);
    double[] row = {0.5, 3.0, Double.NaN};
    assertEquals(fromXgb.predictor().predict(row), back.predictor().predict(row), 0.0);
    assertEquals(fromXgb.trees(), back.trees());
    try (var in = new ByteArrayInputStream(Files.readAllBytes(lgb))) {
      Model streamed = ModelFormats.load(in, "stream");
      double[] lgbRow = {0.5, 5.0, Double.NaN, 0.0};
      assertEquals(fromLgb.predictor().predict(lgbRow), streamed.predictor().predict(lgbRow), 0.0);
    }
  }

  @Test
  void loadAnyFromBytesAlreadyReadEqualsLoadingTheFile() throws IOException {
    Path xgb = write("model.bin", XgboostModelImporterTest.MODEL);
    Path converted = dir.resolve("boreal.json");
    ModelFile.write(ModelFormats.load(xgb), converted);
    for (Path file : new Path[] {xgb, converted}) {
      Model fromFile = (Model) ModelFormats.loadAny(file);
      Model fromBytes = (Model) ModelFormats.loadAny(Files.readAllBytes(file), "named");
      assertEquals(fromFile.trees(), fromBytes.trees());
    }
    InputException e = assertThrows(InputException.class, () -> ModelFormats.loadAny(new byte[0], "named"));
    assertEquals("named: is empty, not a model file.", e.getMessage());
  }

  @Test
  void errorsNameTheFileAndTheProblem() throws IOException {
    Path csv = write("data.csv", "label,x\n1,2\n");
    InputException e = assertThrows(InputException.class, () -> ModelFormats.load(csv));
    assertEquals(csv + ": is not a model file Boreal reads (expected a Boreal JSON model, an XGBoost JSON model "
        + "or a LightGBM text model).", e.getMessage());
    Path lgb = write("m.txt", LightGbmModelImporterTest.MODEL);
    e = assertThrows(InputException.class, () -> ModelFormats.load(lgb, ModelFormats.Format.XGBOOST));
    assertEquals(lgb + ": is a LightGBM text model, not an XGBoost JSON model.", e.getMessage());
    e = assertThrows(InputException.class, () -> ModelFormats.load(dir.resolve("missing.json")));
    assertTrue(e.getMessage().endsWith("missing.json: does not exist."), e.getMessage());
    Path empty = write("empty.json", "");
    e = assertThrows(InputException.class, () -> ModelFormats.load(empty));
    assertTrue(e.getMessage().endsWith("empty.json: is empty, not a model file."), e.getMessage());
    assertThrows(UsageException.class, () -> ModelFormats.Format.named("catboost"));
    assertEquals(ModelFormats.Format.LIGHTGBM, ModelFormats.Format.named("LightGBM"));
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
