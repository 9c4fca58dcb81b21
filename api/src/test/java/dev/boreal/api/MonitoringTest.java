package dev.boreal.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.FeatureCounts;
import dev.boreal.monitor.drift.FeatureDrift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API's drift profile and drift test: counts that add up, a saved profile, and a clean comparison. */
class MonitoringTest {
  @TempDir
  static Path dir;
  static Path train;
  static final ReadOptions OPTIONS = ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(2);

  @BeforeAll
  static void data() {
    train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 2500, 3);
  }

  @Test
  void aTreeModelsProfileCountsEveryRowOnceAndSurvivesSaving() throws IOException {
    try (Table t = Boreal.read(train, OPTIONS)) {
      Model model = Boreal.gradientBoosting().objective("binary").numIterations(10).threads(2).build().fit(t);
      DriftProfile profile = Boreal.profile(model, t);
      assertEquals(2500, profile.rows());
      for (FeatureCounts f : profile.features()) {
        assertEquals(2500, f.total());
        assertEquals(0, f.belowRange() + f.aboveRange());
      }
      int channel = model.featureNames().indexOf(SyntheticData.CHANNEL);
      FeatureCounts channels = profile.features().get(channel);
      assertEquals(0, channels.cell(channels.size() - 2), "every channel has a bin");
      assertEquals(2500, total(profile.predictions().counts()));
      assertEquals(Monitoring.SHAP_ROWS, profile.shapRows());
      Path file = dir.resolve("m.json");
      Boreal.save(model, profile, file);
      assertEquals(profile, ModelFile.readProfiled(file).profile());

      DriftReport same = Boreal.drift(model, profile, t);
      assertFalse(same.anyDrift());
      assertEquals(1.0, same.importanceNdcg(), 1e-12);
      for (FeatureDrift f : same.features()) {
        assertEquals(0.0, f.psi(), 1e-15);
        assertArrayEquals(f.referenceCells(), f.cells());
      }
    }
  }

  @Test
  void theCallersTeamGivesTheSameProfileAndDriftAndStaysOpen() {
    try (Table t = Boreal.read(train, OPTIONS); Parallel team = new Parallel(2)) {
      Model model = Boreal.gradientBoosting().objective("binary").numIterations(5).threads(2).build().fit(t);
      DriftProfile own = Monitoring.profile(model, t, 2);
      assertEquals(own, Monitoring.profile(model, t, team));
      DriftReport ownDrift = Monitoring.drift(model, own, t, 2);
      DriftReport onTeam = Monitoring.drift(model, own, t, team);
      assertEquals(ownDrift.features().size(), onTeam.features().size());
      for (int f = 0; f < onTeam.features().size(); f++) {
        assertEquals(ownDrift.features().get(f).name(), onTeam.features().get(f).name());
        assertArrayEquals(ownDrift.features().get(f).cells(), onTeam.features().get(f).cells());
        assertEquals(ownDrift.features().get(f).psiThreshold(), onTeam.features().get(f).psiThreshold(), 0.0);
      }
      AtomicInteger ran = new AtomicInteger();
      team.forEach(3, (i, from, to) -> ran.incrementAndGet());
      assertEquals(3, ran.get(), "the caller's team is still open after profiling and testing on it");
    }
  }

  @Test
  void aProfileWithWholeWeightsEqualsTheProfileOfTheRowsRepeatedThatOften() throws IOException {
    SplittableRandom rng = new SplittableRandom(17);
    StringBuilder weighted = new StringBuilder("label,x,colour,w\n");
    StringBuilder repeated = new StringBuilder("label,x,colour\n");
    String[] colours = {"red", "blue", "green", ""};
    double sum = 0;
    double squares = 0;
    for (int r = 0; r < 600; r++) {
      double x = rng.nextDouble() < 0.05 ? Double.NaN : rng.nextGaussian();
      String row = (x > 0.3 ? 1 : 0) + "," + (Double.isNaN(x) ? "" : Double.toString(x)) + ","
          + colours[rng.nextInt(colours.length)];
      int w = rng.nextInt(4);
      weighted.append(row).append(',').append(w).append('\n');
      for (int k = 0; k < w; k++) {
        repeated.append(row).append('\n');
      }
      sum += w;
      squares += w * w;
    }
    Path weightedFile = dir.resolve("weighted.csv");
    Path repeatedFile = dir.resolve("repeated.csv");
    Files.writeString(weightedFile, weighted);
    Files.writeString(repeatedFile, repeated);
    ReadOptions read = ReadOptions.defaults().withLabel("label").withCategorical(Set.of("colour")).withThreads(2);
    try (Table w = Boreal.read(weightedFile, read.withWeight("w")); Table rows = Boreal.read(repeatedFile, read)) {
      Model model = Boreal.gradientBoosting().objective("binary").numIterations(5).threads(2).build().fit(rows);
      DriftProfile fromWeights = Boreal.profile(model, w);
      DriftProfile fromRows = Boreal.profile(model, rows);
      assertEquals(fromRows.features(), fromWeights.features());
      assertEquals(fromRows.predictions(), fromWeights.predictions());
      assertEquals(sum, fromWeights.rows(), 0.0);
      assertEquals(sum * sum / squares, fromWeights.effectiveRows(), 1e-9);
      assertEquals(fromRows.rows(), fromRows.effectiveRows(), 0.0);
      Path file = dir.resolve("weighted-profile.json");
      Boreal.save(model, fromWeights, file);
      assertEquals(fromWeights, ModelFile.readProfiled(file).profile());
    }
  }

  @Test
  void anMlpsProfileHasNoShap() {
    try (Table t = Boreal.read(train, OPTIONS)) {
      MlpModel model = Boreal.mlp().objective("binary").param("epochs", "2").threads(2).build().fit(t);
      DriftProfile profile = Boreal.profile(model, t);
      assertNull(profile.meanAbsShap());
      assertEquals(2500, profile.rows());
      assertNull(Boreal.drift(model, profile, t).importanceNdcg());
    }
  }

  private static double total(double[] counts) {
    double s = 0;
    for (double c : counts) {
      s += c;
    }
    return s;
  }
}
