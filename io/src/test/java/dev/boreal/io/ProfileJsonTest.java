package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.FeatureCounts;
import dev.boreal.monitor.drift.ScoreHistogram;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional "profile" object of a model file: round trip, absence, and refusals naming the field. */
class ProfileJsonTest {
  @TempDir
  Path dir;

  /** A profile of {@link ModelFileTest#model()}'s three features (5, 6 and 2 cells), 10 rows. */
  static DriftProfile profile() {
    return new DriftProfile(List.of("x", "colour", "flat"), List.of(
        new FeatureCounts(new long[] {1, 2, 3, 0, 4}, 0, 0, -0.5, 1e300),
        new FeatureCounts(new long[] {5, 1, 1, 0, 2, 1}, 0, 0, Double.NaN, Double.NaN),
        new FeatureCounts(new long[] {10, 0}, 0, 0, 0.1 + 0.2, 0.1 + 0.2)),
        new ScoreHistogram(new double[] {0.25, 0.5}, new long[] {3, 3, 4, 0}), new double[] {0.5, 0.25, 0.0}, 10);
  }

  @Test
  void aProfileRoundTripsExactlyAndLeavesTheModelAsItWas() throws IOException {
    Path with = dir.resolve("with.json");
    Path without = dir.resolve("without.json");
    ModelFile.write(ModelFileTest.model(), profile(), with);
    ModelFile.write(ModelFileTest.model(), without);
    ProfiledModel read = ModelFile.readProfiled(with);
    assertEquals(profile(), read.profile());
    Path rewritten = dir.resolve("rewritten.json");
    ModelFile.write(read.model(), rewritten);
    assertArrayEquals(Files.readAllBytes(without), Files.readAllBytes(rewritten));
    assertNull(ModelFile.readProfiled(without).profile());
  }

  @Test
  void aWeightedProfileKeepsItsFractionalCountsAndEffectiveRowsAndAnUnweightedOneIsWrittenAsBefore()
      throws IOException {
    DriftProfile weighted = new DriftProfile(List.of("x", "colour", "flat"), List.of(
        new FeatureCounts(new double[] {1.5, 2, 3, 0, 4}, 0, 0, -0.5, 1e300),
        new FeatureCounts(new double[] {5, 1, 1, 0, 2.5, 1}, 0, 0, Double.NaN, Double.NaN),
        new FeatureCounts(new double[] {10.5, 0}, 0, 0, 0.3, 0.3)),
        new ScoreHistogram(new double[] {0.25, 0.5}, new double[] {3, 3.5, 4, 0}), null, 0, 7.25);
    Path file = dir.resolve("weighted.json");
    ModelFile.write(ModelFileTest.model(), weighted, file);
    assertEquals(weighted, ModelFile.readProfiled(file).profile());
    assertEquals(7.25, ModelFile.readProfiled(file).profile().effectiveRows(), 0.0);
    Path plain = dir.resolve("plain.json");
    ModelFile.write(ModelFileTest.model(), profile(), plain);
    String text = Files.readString(plain);
    assertFalse(text.contains("effective_rows"), "an unweighted profile has no effective_rows");
    JsonNode written = new ObjectMapper().readTree(text).get("profile");
    assertTrue(written.get("rows").isIntegralNumber(), "whole counts are written as integers");
    for (JsonNode cell : written.get("features").get(0).get("cells")) {
      assertTrue(cell.isIntegralNumber(), "whole counts are written as integers");
    }
    assertEquals(10.0, ModelFile.readProfiled(plain).profile().effectiveRows(), 0.0);
  }

  @Test
  void fixturesWrittenBeforeProfilesHaveNone() throws URISyntaxException {
    for (String name : new String[] {"gbdt-binary.json", "rf-multiclass.json"}) {
      Path file = Path.of(ProfileJsonTest.class.getResource("fixtures/" + name).toURI());
      assertNull(ModelFile.readProfiled(file).profile(), name);
    }
  }

  @Test
  void anIllFormedProfileIsRefusedNamingTheField() throws IOException {
    refused(p -> ((ArrayNode) p.get("features").get(0).get("cells")).set(0, -1),
        "field 'profile' does not fit the model: feature 'x' has a count -1 that is not finite and non-negative.");
    refused(p -> ((ArrayNode) p.get("features").get(1).get("cells")).remove(0),
        "field 'profile' does not fit the model: feature 'colour' has 5 cells, but its bins make 6.");
    refused(p -> ((ArrayNode) p.get("features").get(2).get("cells")).set(0, 9),
        "field 'profile' does not fit the model: feature 'flat' counts 9 rows, but the first feature counts 10.");
    refused(p -> p.put("rows", 11), "field 'profile.rows' is 11, but the features count 10 rows.");
    refused(p -> ((ObjectNode) p.get("features").get(0)).put("name", "y"),
        "field 'profile' does not fit the model: its features [y, colour, flat] are not the model's [x, colour, "
            + "flat].");
    refused(p -> ((ArrayNode) p.get("predictions").get("edges")).set(1, 0.1),
        "field 'profile.predictions.edges' must be finite and strictly increasing.");
    refused(p -> ((ArrayNode) p.get("mean_abs_shap")).set(0, -1.0),
        "field 'profile' does not fit the model: its mean |SHAP| values must be finite and non-negative, but one "
            + "is -1.0.");
    refused(p -> ((ArrayNode) p.get("features").get(0).get("cells")).set(0, "many"),
        "field 'profile.features[0].cells[0]' must be a number.");
    refused(p -> p.put("effective_rows", 11.0),
        "field 'profile' does not fit the model: its effective row count 11.0 is not in (0, 10].");
  }

  private void refused(Consumer<ObjectNode> mutation, String problem) throws IOException {
    Path file = dir.resolve("bad.json");
    ModelFile.write(ModelFileTest.model(), profile(), file);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(file.toFile());
    mutation.accept((ObjectNode) root.get("profile"));
    json.writeValue(file.toFile(), root);
    InputException e = assertThrows(InputException.class, () -> ModelFile.readAny(file));
    assertEquals(file + ": " + problem, e.getMessage());
    assertThrows(InputException.class, () -> ModelFile.read(file));
  }

  @Test
  void aProfileOfOtherFeaturesIsNotWritten() {
    Model m = ModelFileTest.model();
    DriftProfile wrong = new DriftProfile(List.of("x"), List.of(profile().features().get(0)),
        profile().predictions(), null, 0);
    assertThrows(IllegalArgumentException.class, () -> ModelFile.write(m, wrong, dir.resolve("no.json")));
    assertArrayEquals(new String[0], dir.toFile().list(), "no file, not even a temporary one");
  }
}
