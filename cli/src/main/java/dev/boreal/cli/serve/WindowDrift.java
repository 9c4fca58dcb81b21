package dev.boreal.cli.serve;

import dev.boreal.InputException;
import dev.boreal.io.DriftReportJson;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.DriftStatistics;
import dev.boreal.monitor.drift.FeatureCounts;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The drift of the rows in the live model's window against the model's profile: {@code GET /drift}'s report,
 * the document {@code boreal drift --json} prints for a file of rows, and the PSI gauges of
 * {@code GET /metrics}. The window has no SHAP values (the server explains only on request), so the report's
 * importance ranking is null.
 */
final class WindowDrift {
  private WindowDrift() {}

  /**
   * {@code GET /drift}.
   *
   * @throws HttpError 404 when the server does not count or the model file holds no profile, 409 when no row
   *     has been scored since the model was loaded
   */
  static byte[] report(LiveModel live, boolean counting) {
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
