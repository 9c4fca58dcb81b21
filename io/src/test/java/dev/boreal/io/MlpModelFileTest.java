package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpData;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.nn.MlpTrainer;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.params.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MLP survives its model file bit for bit: the same bytes when written again, the same raw scores on
 * the same data, and every MLP field is checked on reading.
 */
class MlpModelFileTest {
  @TempDir Path dir;
  private Path data;

  @BeforeEach
  void writeData() throws IOException {
    data = dir.resolve("train.csv");
    // 28 numeric features with missing values, the categorical channel, a binary label.
    SyntheticData.writeCsv(data, 1500, 3);
  }

  private MlpModel train(String objective, String... extra) {
    Map<String, String> params = new java.util.LinkedHashMap<>(Map.of("objective", objective, "hidden", "8,4",
        "max_epochs", "3", "num_threads", "1"));
    for (int i = 0; i < extra.length; i += 2) {
      params.put(extra[i], extra[i + 1]);
    }
    try (RootAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(data, ReadOptions.defaults().withLabel("label"), allocator)) {
      double[] labels = table.numericColumn("label");
      LabelEncoder encoder = LabelEncoder.fit(objective, 0, labels);
      MlpData train = new MlpData("train.csv", table.features(), encoder.encode(labels), null, null);
      return MlpTrainer.train(train, List.of(), Params.of(params), encoder.isClassifier() ? encoder.classNames()
          : null, TrainingListener.NONE);
    }
  }

  private double[] scores(TrainedModel model) {
    try (RootAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(data, ReadOptions.defaults().withLabel("label"), allocator)) {
      double[] raw = new double[table.rowCount() * model.numOutputs()];
      model.predictRaw(table.features(), raw);
      return raw;
    }
  }

  @Test
  void roundTripsBitForBitForClassifiersAndRegressors() throws IOException {
    for (String objective : new String[] {"binary", "regression"}) {
      assertRoundTrip(train(objective), objective, 1);
    }
  }

  @Test
  void transformersAndPeriodicEmbeddingsRoundTripBitForBitInFormat4() throws IOException {
    String[] transformer = {"boosting", "ft-transformer", "n_blocks", "2", "d_token", "4", "n_heads", "2",
        "max_epochs", "1"};
    assertRoundTrip(train("binary", transformer), "ft-binary", 4);
    String[] withPlr = java.util.Arrays.copyOf(transformer, transformer.length + 4);
    withPlr[transformer.length] = "numeric_embedding";
    withPlr[transformer.length + 1] = "plr";
    withPlr[transformer.length + 2] = "plr_frequencies";
    withPlr[transformer.length + 3] = "4";
    assertRoundTrip(train("regression", withPlr), "ft-plr-regression", 4);
    assertRoundTrip(train("binary", "numeric_embedding", "plr", "plr_frequencies", "4", "d_embedding", "3",
        "max_epochs", "1"),
        "mlp-plr", 4);
  }

  private void assertRoundTrip(MlpModel model, String name, int version) throws IOException {
    String objective = model.objective();
    Path file = dir.resolve(name + ".json");
    ModelFile.write(model, file);
    assertTrue(Files.readString(file).contains("\"format_version\" : " + version), name);
    TrainedModel back = ModelFile.readAny(file);
    assertEquals(model.algorithm(), back.algorithm());
    assertEquals(objective, back.objective());
    assertEquals(model.link(), back.link());
    assertEquals(model.featureNames(), back.featureNames());
    assertEquals(model.mappers(), back.mappers());
    assertArrayEquals(model.classes(), back.classes());
    assertEquals(model.params(), back.params());
    assertEquals(((MlpModel) back).network(), model.network());
    assertArrayEquals(scores(model), scores(back), 0.0, "predictions do not change by a bit");
    Path again = dir.resolve(name + "-again.json");
    ModelFile.write(back, again);
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), "a re-written file is identical");
    assertEquals(back.featureNames().size(), ModelFormats.loadAny(file).featureNames().size());
  }

  @Test
  void treeOnlyReadersRefuseAnMlpFileInOneSentence() throws IOException {
    Path file = dir.resolve("m.json");
    ModelFile.write(train("binary"), file);
    InputException e = assertThrows(InputException.class, () -> ModelFile.read(file));
    assertEquals(file + ": holds a neural-net (mlp) model, but this needs a tree model (gbdt or rf).",
        e.getMessage());
    assertThrows(InputException.class, () -> ModelFormats.load(file));
  }

  @Test
  void everyMlpFieldIsChecked() throws IOException {
    Path file = dir.resolve("m.json");
    ModelFile.write(train("binary"), file);
    String json = Files.readString(file);
    assertTrue(json.contains("\"activation\" : \"relu\""), "the writer's layout: " + json.substring(0, 200));
    assertError(json.replace("\"activation\" : \"relu\"", "\"activation\" : \"swish\""), "'network.activation'",
        "activation 'swish'");
    assertError(json.replace("\"loss\" : \"binary_cross_entropy\"", "\"loss\" : \"squared_error\""), "'link'",
        "must be identity");
    assertError(json.replaceFirst("\"sizes\" : \\[[0-9]+,", "\"sizes\" : [3,"), "'network.sizes'", "inputs");
    assertError(json.replaceFirst("\"biases\" : \\[[^\\]]*\\]", "\"biases\" : [1.0]"),
        "'network.layers[0].biases'", "must hold 8 values");
    assertError(json.replaceFirst("\"scale\" : [0-9.eE-]+", "\"scale\" : 0.0"), "'preprocessing[0].scale'",
        "positive");
    assertError(json.replaceFirst("\"one_hot\" : 5", "\"one_hot\" : 4"), "'preprocessing[28].one_hot'",
        "must be 5");
  }

  @Test
  void inconsistentTransformerFilesAreOneSentence() throws IOException {
    Path file = dir.resolve("ft.json");
    ModelFile.write(train("binary", "boosting", "ft-transformer", "n_blocks", "1", "d_token", "4", "n_heads", "2",
        "max_epochs", "1"), file);
    String json = Files.readString(file);
    Path bad = dir.resolve("bad.json");
    String[][] cases = {
        {"\"n_heads\" : 2", "\"n_heads\" : 3", "holds an inconsistent ft-transformer model (a transformer needs"},
        {"\"parameters\" : [", "\"parameters\" : [0.5,", "holds an inconsistent ft-transformer model ("},
        {"\"quantiles\" : [", "\"quantiles\" : [1e300,", "holds inconsistent preprocessing (feature '"}};
    for (String[] c : cases) {
      assertTrue(json.contains(c[0]), c[0]);
      Files.writeString(bad, json.replaceFirst(java.util.regex.Pattern.quote(c[0]), c[1]));
      InputException e = assertThrows(InputException.class, () -> ModelFile.readAny(bad));
      assertTrue(e.getMessage().startsWith(bad + ": " + c[2]) && e.getMessage().endsWith(").")
          && !e.getMessage().contains("\n"), e.getMessage());
    }
  }

  private void assertError(String json, String field, String words) throws IOException {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, json);
    InputException e = assertThrows(InputException.class, () -> ModelFile.readAny(bad));
    assertTrue(e.getMessage().startsWith(bad + ": field " + field) && e.getMessage().contains(words)
        && e.getMessage().endsWith("."), e.getMessage());
  }
}
