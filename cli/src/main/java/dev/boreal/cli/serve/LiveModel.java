package dev.boreal.cli.serve;

import dev.boreal.InputException;
import dev.boreal.api.RowBatch;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.Predictor;
import dev.boreal.explain.RowExplainer;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ModelFormats;
import dev.boreal.monitor.drift.DriftProfile;
import dev.boreal.monitor.drift.DriftTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The model a server answers with, with everything compiled from it once: the predictor, the explainer, the
 * request schema and the answers of {@code GET /health} and {@code GET /model}. A reload builds a new one
 * completely before the server switches to it, so a request sees one model from start to end.
 *
 * @param model the model
 * @param file the file it was read from
 * @param sha256 the file's SHA-256, as lowercase hex: which version of the file is live
 * @param loadedAt when it was read
 * @param generation 1 for the model the server started with, one more for each successful reload
 * @param drift the test against the drift profile the file holds, or {@code null} when it holds none
 * @param window the cell counts of the rows this model scored, or {@code null} when the file holds no drift
 *     profile or the server does not count: a reload starts an empty window over the new model's cells
 */
record LiveModel(Model model, Path file, String sha256, Instant loadedAt, int generation, Predictor predictor,
    RowExplainer explainer, RowBatch.Schema schema, byte[] health, byte[] summary, DriftTest drift,
    BinWindow window) {

  /**
   * Reads and compiles a model file.
   *
   * @throws InputException if the file cannot be read or is not a valid model (the message names the file)
   */
  static LiveModel load(Path file, int generation, ServeMonitoring monitoring) {
    // One read of the file, so that the model, its profile and its checksum come from the same bytes even when
    // the file is replaced while it loads.
    byte[] bytes = ModelFile.bytes(file);
    Model model = ModelFormats.load(new ByteArrayInputStream(bytes), file.toString());
    String sha256 = sha256(bytes);
    Instant loadedAt = Instant.now();
    // Only Boreal's own files hold a profile; ModelFormats has checked that this one holds a tree model.
    DriftProfile profile = ModelFormats.detect(bytes) == ModelFormats.Format.BOREAL
        ? ModelFile.readProfiled(new ByteArrayInputStream(bytes), file.toString()).profile() : null;
    DriftTest drift = profile == null ? null : DriftTest.of(profile, model.mappers());
    return new LiveModel(model, file, sha256, loadedAt, generation, model.predictor(), RowExplainer.of(model),
        new RowBatch.Schema(model), Responses.health(model),
        Responses.model(model, file.getFileName().toString(), sha256, loadedAt, generation), drift,
        drift != null && monitoring.on()
            ? new BinWindow(model.featureNames(), model.mappers(), profile, monitoring.windowRows()) : null);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
