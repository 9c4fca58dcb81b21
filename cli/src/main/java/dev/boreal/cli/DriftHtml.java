package dev.boreal.cli;

import dev.boreal.explain.report.DriftPage;
import dev.boreal.histogram.BinMapper;
import dev.boreal.io.ProfiledModel;
import dev.boreal.monitor.drift.DriftReport;
import dev.boreal.monitor.drift.FeatureDrift;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code boreal drift} shows of a {@link DriftReport}: the table's columns and cells (the text output and
 * the HTML report share them), its sentences, and the HTML report's plots with a label per bin.
 */
final class DriftHtml {
  /** The table's columns. */
  static final List<String> HEADER = List.of("feature", "verdict", "PSI (threshold)", "band", "JS", "KS (threshold)",
      "missing", "range", "unseen");

  private DriftHtml() {}

  /** One distribution's row of the table. */
  static List<String> cells(FeatureDrift f) {
    String ks = f.ks() == null ? "-" : String.format(Locale.ROOT, "%.4f (%.4f)", f.ks(), f.ksThreshold());
    String range = f.belowRangeRate() == null ? "-" : percent(f.belowRangeRate() + f.aboveRangeRate());
    return List.of(f.name(), f.drift() ? "DRIFT" : "ok",
        String.format(Locale.ROOT, "%.4f (%.4f)", f.psi(), f.psiThreshold()), f.psiBand(),
        String.format(Locale.ROOT, "%.4f", f.jensenShannon()), ks, percent(f.missingRate()), range,
        f.unseenRate() == null ? "-" : percent(f.unseenRate()));
  }

  /**
   * A reference's size as a phrase: "2,500 rows", or "rows of weight 1,234.5" for a weighted reference whose
   * total weight is not whole.
   */
  static String rows(double referenceRows) {
    return referenceRows == Math.rint(referenceRows) ? String.format(Locale.ROOT, "%,d rows", (long) referenceRows)
        : String.format(Locale.ROOT, "rows of weight %,.1f", referenceRows);
  }

  /** The line that says what was compared with what. */
  static String subtitle(DriftReport r, Path data, Path model) {
    return String.format(Locale.ROOT, "Drift of %s (%,d rows) against the profile of %s (%s); thresholds "
        + "for %.0f%% false alarms per feature at this size", data, r.rows(), model, rows(r.referenceRows()),
        100 * r.falseAlarmRate());
  }

  /** The closing sentence: how many features drifted, and the prediction. */
  static String conclusion(DriftReport r) {
    return String.format(Locale.ROOT, "%d of %d features drifted; the prediction %s.", r.drifted().size(),
        r.features().size(), r.prediction().drift() ? "drifted" : "did not drift");
  }

  /** The HTML report. */
  static String render(DriftReport r, Path data, Path model, ProfiledModel profiled) {
    List<List<String>> rows = new ArrayList<>();
    List<DriftPage.Panel> panels = new ArrayList<>();
    List<String> names = profiled.model().featureNames();
    rows.add(cells(r.prediction()));
    panels.add(panel(r.prediction(), predictionLabels(profiled.profile().predictions().edges())));
    for (FeatureDrift f : r.features()) {
      rows.add(cells(f));
      panels.add(panel(f, labels(profiled.model().mappers().get(names.indexOf(f.name())))));
    }
    String note = "A feature is called drifted when PSI (or, for numbers, the binned KS statistic) exceeds a "
        + "threshold drawn by resampling the reference at the new data's size, so that a feature which has not "
        + "drifted is called drifted at most " + Math.round(100 * r.falseAlarmRate()) + "% of the time. The band "
        + "is the fixed PSI reading (stable below 0.1, moderate to 0.25, major above), shown for comparison: "
        + "with many bins and few rows PSI exceeds it by chance alone. Range is the share of new values outside "
        + "the training minimum and maximum; unseen the share of categories the model has no bin for."
        + (r.importanceNdcg() == null ? "" : String.format(Locale.ROOT, " The mean |SHAP| ranking of the new "
            + "rows keeps the reference's with nDCG %.4f.", r.importanceNdcg()))
        + " " + conclusion(r);
    return DriftPage.render(subtitle(r, data, model), note, HEADER, rows, panels);
  }

  private static DriftPage.Panel panel(FeatureDrift f, List<String> labels) {
    String summary = String.format(Locale.ROOT, "PSI %.4f (threshold %.4f, %s) \u00B7 JS %.4f%s", f.psi(),
        f.psiThreshold(), f.psiBand(), f.jensenShannon(),
        f.ks() == null ? "" : String.format(Locale.ROOT, " \u00B7 KS %.4f (threshold %.4f)", f.ks(), f.ksThreshold()));
    return new DriftPage.Panel(f.name(), f.drift() ? "drift" : "ok", f.drift(), summary, labels, f.referenceCells(),
        f.cells());
  }

  /** A label per cell of a feature: value intervals then missing, or categories, other, missing. */
  static List<String> labels(BinMapper mapper) {
    List<String> labels = new ArrayList<>();
    if (mapper.isCategorical()) {
      labels.addAll(List.of(mapper.categories()));
      labels.add("other");
    } else {
      intervals(mapper.upperBounds(), labels);
    }
    labels.add("missing");
    return labels;
  }

  private static List<String> predictionLabels(double[] edges) {
    List<String> labels = new ArrayList<>();
    double[] bounds = java.util.Arrays.copyOf(edges, edges.length + 1);
    bounds[edges.length] = Double.POSITIVE_INFINITY;
    intervals(bounds, labels);
    labels.add("NaN");
    return labels;
  }

  /** "≤ b0", "(b0, b1]", ..., "> b(n-2)" for upper bounds ending with +Infinity. */
  private static void intervals(double[] upperBounds, List<String> labels) {
    for (int b = 0; b < upperBounds.length; b++) {
      if (upperBounds.length == 1) {
        labels.add("all values");
      } else if (b == 0) {
        labels.add("\u2264 " + num(upperBounds[0]));
      } else if (b == upperBounds.length - 1) {
        labels.add("> " + num(upperBounds[b - 1]));
      } else {
        labels.add("(" + num(upperBounds[b - 1]) + ", " + num(upperBounds[b]) + "]");
      }
    }
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * rate);
  }
}
