package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boreal.InputException;
import dev.boreal.api.Boreal;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of model the API holds (boosted trees, a forest, trees imported from XGBoost and LightGBM, an
 * MLP) saves through {@link Boreal#save} and loads back predicting exactly as before; a saved file keeps the
 * permissions of the file it replaces and otherwise follows the umask; an unreadable file says so.
 */
class SavedModelsTest {
  @TempDir
  Path dir;

  /** Synthetic training data with a text category, written to a CSV file and read back; close it. */
  private Table train() throws IOException {
    Path file = dir.resolve("train.csv");
    SyntheticData.writeCsv(file, 1500, 3);
    return Boreal.read(file, ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(2));
  }

  @Test
  void trainedTreesAndNeuralNetsRoundTripExactly() throws IOException {
    try (Table t = train()) {
      double[] rows = rows(t.featureNames().size(), 200);
      assertRoundTrip(Boreal.gradientBoosting().objective("binary").numIterations(8).threads(2).build().fit(t),
          Model.class, rows);
      assertRoundTrip(Boreal.randomForest().objective("binary").numIterations(4).maxDepth(5).threads(2).build()
          .fit(t), Model.class, rows);
      assertRoundTrip(Boreal.mlp().objective("binary").param("hidden", "8").param("max_epochs", "2").threads(2)
          .build().fit(t), MlpModel.class, rows);
    }
  }

  @Test
  void importedTreesRoundTripExactly() throws IOException {
    Path xgb = Files.writeString(dir.resolve("xgb.json"), XgboostModelImporterTest.MODEL);
    Path lgb = Files.writeString(dir.resolve("lgb.txt"), LightGbmModelImporterTest.MODEL);
    // The categorical features (color, shade) hold codes the models know, or NaN.
    double[] xgbRows = {0.5, 3.0, Double.NaN, -1.0, 1.0, 0.2, 7.5, Double.NaN, 4.0};
    assertRoundTrip(Boreal.load(xgb), Model.class, xgbRows);
    double[] lgbRows = {0.5, 5.0, Double.NaN, 0.0, -2.0, 33.0, 1.5, Double.NaN};
    assertRoundTrip(Boreal.load(lgb, Model.class), Model.class, lgbRows);
  }

  @Test
  void loadingTheWrongKindNamesBoth() throws IOException {
    Path file = dir.resolve("trees.json");
    try (Table t = train()) {
      Boreal.save(Boreal.gradientBoosting().objective("binary").numIterations(2).threads(2).build().fit(t), file);
    }
    InputException e = assertThrows(InputException.class, () -> Boreal.load(file, MlpModel.class));
    assertEquals(file + ": holds a gbdt model, not a MlpModel.", e.getMessage());
  }

  @Test
  void aReplacedFileKeepsItsPermissionsAndANewOneFollowsTheUmask() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "the file system has no POSIX permissions");
    Model model = Boreal.load(Files.writeString(dir.resolve("m.txt"), LightGbmModelImporterTest.MODEL));
    Path shared = dir.resolve("shared.json");
    Files.writeString(shared, "old");
    Set<PosixFilePermission> readable = PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(shared, readable);
    Boreal.save(model, shared);
    assertEquals(readable, Files.getPosixFilePermissions(shared));
    Set<PosixFilePermission> groupWrite = PosixFilePermissions.fromString("rw-rw----");
    Files.setPosixFilePermissions(shared, groupWrite);
    Boreal.save(model, shared);
    assertEquals(groupWrite, Files.getPosixFilePermissions(shared));

    // A file the JVM creates plainly gets exactly the umask's permissions; a new model file gets the same.
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    Path fresh = dir.resolve("fresh.json");
    Boreal.save(model, fresh);
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh));
    try (var leftovers = Files.list(dir)) {
      assertEquals(List.of(), leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
  }

  @Test
  void anUnreadableModelFileSaysPermissionDenied() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "the file system has no POSIX permissions");
    Path locked = Files.writeString(dir.resolve("locked.txt"), LightGbmModelImporterTest.MODEL);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      assumeFalse(Files.isReadable(locked),
          "skipped: this process reads a file of mode 000 (it runs as root), so it cannot see permission denied");
      for (Runnable load : List.<Runnable>of(() -> Boreal.load(locked), () -> Boreal.load(locked, MlpModel.class),
          () -> ModelFile.read(locked))) {
        InputException e = assertThrows(InputException.class, load::run);
        assertEquals(locked + ": permission denied; the model file cannot be read by this process.",
            e.getMessage());
      }
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** Saves, loads back as {@code kind}, and checks every row's raw scores are bit-identical. */
  private <M extends TrainedModel> void assertRoundTrip(TrainedModel model, Class<M> kind, double[] rows) {
    Path file = dir.resolve(model.algorithm() + "-" + System.nanoTime() + ".json");
    Boreal.save(model, file);
    M back = Boreal.load(file, kind);
    int n = rows.length / model.featureNames().size();
    double[] expected = new double[n * model.numOutputs()];
    double[] got = new double[expected.length];
    model.predictRaw(rows, n, expected);
    back.predictRaw(rows, n, got);
    assertArrayEquals(expected, got, 0.0, model.algorithm());
    assertEquals(model.featureNames(), back.featureNames());
    assertEquals(Boreal.load(file, TrainedModel.class).algorithm(), model.algorithm());
  }

  /** Random numeric rows, about one value in ten missing; the last feature (the text channel) always missing. */
  private static double[] rows(int features, int n) {
    SplittableRandom random = new SplittableRandom(5);
    double[] rows = new double[n * features];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = random.nextInt(10) == 0 || i % features == features - 1 ? Double.NaN : random.nextDouble() * 3;
    }
    return rows;
  }
}
