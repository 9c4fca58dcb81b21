package dev.boreal.cli.serve;

import dev.boreal.InputException;
import dev.boreal.io.DriftReportJson;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.DriftStatistics;
import dev.boreal.monitor.drift.DriftTest;
import dev.boreal.monitor.drift.FeatureCounts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The drift of the rows in the live model's window against the model's profile: {@code GET /drift}'s report,
 * the document {@code boreal drift --json} prints for a file of rows, and the PSI gauges of
 * {@code GET /metrics}. The window has no SHAP values (the server explains only on request), so the report's
 * importance ranking is null.
 */
final class WindowDrift {
  private WindowDrift() {}

  /**
   * The thresholds {@code GET /drift} needs for the window as it is now, computed (or being computed) by
   * {@code thresholds}; an already complete future when the report needs none or has them.
   */
  static CompletableFuture<Void> thresholdsFor(LiveModel live, DriftThresholds thresholds) {
    if (live.window() == null) {
      return CompletableFuture.completedFuture(null);
    }
    long rows = live.window().counts().rows();
    return rows == 0 ? CompletableFuture.completedFuture(null) : thresholds.ready(live.drift(), rows);
  }

  /**
   * {@code GET /drift}: the report, when the thresholds for the window's size are computed; else a 503 that
   * says they are being computed (and starts that, if nothing has), so a scoring thread never resamples.
   *
   * @throws HttpError 404 when the server does not count or the model file holds no profile, 409 when no row
   *     has been scored since the model was loaded, 503 while the thresholds are being computed
   */
  static byte[] report(LiveModel live, boolean counting, DriftThresholds thresholds) {
    if (!counting) {
      throw new HttpError(404, "The server was started with --no-monitor, so it counts no rows to test for drift.",
          null);
    }
    if (live.window() == null) {
      throw new HttpError(404, live.file() + " holds no drift profile to compare the scored rows with; add one "
          + "with 'boreal profile --model " + live.file() + " --data TRAIN' and reload.", null);
    }
    BinWindow.Counts counts = live.window().counts();
    if (counts.rows() == 0) {
      throw new HttpError(409, "No row has been scored by POST /predict since the model was loaded at "
          + live.loadedAt() + "; /drift tests those rows.", null);
    }
    if (!thresholds.ready(live.drift(), counts.rows()).isDone()) {
      throw new HttpError(503, "The drift thresholds for a window of " + counts.rows() + " rows ("
          + DriftTest.DRAWS + " resamples per feature) are being computed in the background; ask again in a few "
          + "seconds.", null);
    }
    try {
      DriftReport report = live.drift().compare(counts.features(), counts.scores(), null);
      return DriftReportJson.of(report).getBytes(StandardCharsets.UTF_8);
    } catch (InputException e) {
      throw new HttpError(409, e.getMessage(), null);
    }
  }

  /**
   * Writes {@code boreal_feature_psi} per feature and {@code boreal_prediction_psi} for the window, when the
   * model has a profile and the window a row; nothing otherwise.
   */
  static void writeGauges(MetricsText out, LiveModel live) {
    if (live.window() == null) {
      return;
    }
    BinWindow.Counts counts = live.window().counts();
    out.family("boreal_drift_window_rows", "gauge", "Rows of POST /predict in the drift window of the live model.");
    out.sample("boreal_drift_window_rows", counts.rows());
    if (counts.rows() == 0) {
      return;
    }
    List<FeatureCounts> reference = live.drift().profile().features();
    List<String> names = live.model().featureNames();
    out.family("boreal_feature_psi", "gauge", "PSI of each feature's cells in the drift window against the "
        + "model's training profile.");
    for (int f = 0; f < names.size(); f++) {
      out.sample("boreal_feature_psi", DriftStatistics.psi(reference.get(f).cells(),
          counts.features().get(f).cells()), "feature", names.get(f));
    }
    out.family("boreal_prediction_psi", "gauge", "PSI of the predictions in the drift window against the "
        + "model's training profile.");
    out.sample("boreal_prediction_psi", DriftStatistics.psi(live.drift().profile().predictions().counts(),
        DriftStatistics.counts(counts.scores())));
  }
}
