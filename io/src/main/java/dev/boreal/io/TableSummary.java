package dev.boreal.io;

import dev.boreal.histogram.FeatureColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code boreal describe} reports about a table: its size, every column's role, type, missing count,
 * distinct categories or bins and range, and a summary of the label.
 *
 * @param file the file's path as given
 * @param format the format it was read as
 * @param rows number of rows
 * @param columns every column in file order
 * @param label the label's summary, or {@code null} when no label was named
 * @param notes the sentences of {@link Table#notes()}: what reading decided that may surprise
 */
public record TableSummary(String file, String format, int rows, List<Column> columns, Label label,
    List<String> notes) {

  /**
   * One column.
   *
   * @param name the column's name
   * @param role label, weight, group, ignored or feature
   * @param type numeric or categorical
   * @param missing how many rows have no value
   * @param categories number of distinct categories (categorical columns), else 0
   * @param bins bins the binning gave a feature (with the missing bin), else 0
   * @param min the smallest value (numeric columns with a value), else {@code null}
   * @param max the largest value, else {@code null}
   * @param mean the mean value, else {@code null}
   */
  public record Column(String name, String role, String type, long missing, int categories, int bins,
      Double min, Double max, Double mean) {}

  /**
   * The label.
   *
   * @param name the label column
   * @param type numeric or categorical
   * @param min smallest value (numeric)
   * @param max largest value (numeric)
   * @param mean mean value (numeric)
   * @param classes rows per distinct value when there are at most {@value #MAX_CLASSES}, else empty
   */
  public record Label(String name, String type, Double min, Double max, Double mean, Map<String, Long> classes) {}

  /** Labels with more distinct values than this are summarised as a range only. */
  public static final int MAX_CLASSES = 32;

  /**
   * Summarises {@code table}.
   *
   * @param binsByFeature the number of bins each feature got, in {@link Table#featureNames()} order, or
   *     {@code null} when the table was not binned
   */
  public static TableSummary of(Table table, int[] binsByFeature) {
    List<Column> columns = new ArrayList<>();
    Map<String, Integer> featureIndex = new HashMap<>();
    for (String name : table.featureNames()) {
      featureIndex.put(name, featureIndex.size());
    }
    for (String name : table.columnNames()) {
      FeatureColumn c = table.column(name);
      Integer f = featureIndex.get(name);
      int bins = f != null && binsByFeature != null ? binsByFeature[f] : 0;
      columns.add(describe(c, roleOf(table, name, f != null), bins));
    }
    Label label = table.hasLabel() ? label(table.labelColumn()) : null;
    List<String> notes = new ArrayList<>();
    for (ReadNote note : table.notes()) {
      notes.add(note.message());
    }
    return new TableSummary(table.source().toString(), table.format().cliName(), table.rowCount(), columns, label,
        notes);
  }

  private static String roleOf(Table table, String name, boolean feature) {
    if (name.equals(table.labelName())) {
      return "label";
    }
    if (name.equals(table.weightName())) {
      return "weight";
    }
    if (name.equals(table.groupName())) {
      return "group";
    }
    return feature ? "feature" : "ignored";
  }

  private static Column describe(FeatureColumn c, String role, int bins) {
    int n = c.rowCount();
    if (c.isCategorical()) {
      int[] codes = new int[n];
      c.readCodes(0, n, codes);
      long missing = 0;
      for (int code : codes) {
        if (code == FeatureColumn.MISSING_CODE) {
          missing++;
        }
      }
      return new Column(c.name(), role, "categorical", missing, c.categoryCount(), bins, null, null, null);
    }
    double[] values = new double[n];
    c.readValues(0, n, values);
    long missing = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        missing++;
      } else {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
      }
    }
    boolean any = missing < n;
    return new Column(c.name(), role, "numeric", missing, 0, bins, any ? min : null, any ? max : null,
        any ? sum / (n - missing) : null);
  }

  private static Label label(FeatureColumn c) {
    int n = c.rowCount();
    if (c.isCategorical()) {
      int[] codes = new int[n];
      c.readCodes(0, n, codes);
      String[] names = c.categories();
      long[] perCode = new long[names.length];
      for (int code : codes) {
        perCode[code]++;
      }
      Map<String, Long> classes = new LinkedHashMap<>();
      for (int i = 0; i < names.length && names.length <= MAX_CLASSES; i++) {
        classes.put(names[i], perCode[i]);
      }
      return new Label(c.name(), "categorical", null, null, null, classes);
    }
    double[] sorted = new double[n];
    c.readValues(0, n, sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    Arrays.sort(sorted);
    Map<String, Long> classes = new LinkedHashMap<>();
    for (int start = 0, end; start < n && classes.size() <= MAX_CLASSES; start = end) {
      end = start + 1;
      while (end < n && sorted[end] == sorted[start]) {
        end++;
      }
      classes.put(formatNumber(sorted[start]), (long) (end - start));
    }
    if (classes.size() > MAX_CLASSES) {
      classes.clear();
    }
    return n == 0
        ? new Label(c.name(), "numeric", null, null, null, classes)
        : new Label(c.name(), "numeric", sorted[0], sorted[n - 1], sum / n, classes);
  }

  /** Integral values print without a fractional part, as people write class labels. */
  public static String formatNumber(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
