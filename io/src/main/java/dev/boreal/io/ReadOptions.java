package dev.boreal.io;

import java.nio.file.Path;
import java.util.Set;

/**
 * How to read a data file and which roles its columns play; the schema options every command shares.
 *
 * @param format the format, or {@code null} to take it from the extension or sniff the content
 * @param delimiter the field delimiter for delimited text, or {@code null} to detect it
 * @param header whether delimited text starts with a header line; without one columns are named
 *     {@code Column_0, Column_1, ...} by position
 * @param categorical columns read as categorical even when every value is a number
 * @param numeric columns read as numbers even when some values are not: such values read as missing
 * @param label the label column's name or 0-based position, or {@code null} when there is none
 * @param weight the sample-weight column's name or position, or {@code null}
 * @param group the group (query id) column's name or position, or {@code null}
 * @param groupFile a LightGBM {@code .query} file of group sizes, one per line, or {@code null}
 * @param ignore columns that are neither features nor roles
 * @param maxColumns the most columns a file may make, or 0 for a limit derived from the file itself
 *     (LibSVM, which makes a column for every feature index up to the largest, is held to a few
 *     times the distinct indices it uses; see {@link LibSvmReader})
 * @param threads how many threads a reader may use (at least 1)
 */
public record ReadOptions(
    DataFormat format,
    Character delimiter,
    boolean header,
    Set<String> categorical,
    Set<String> numeric,
    String label,
    String weight,
    String group,
    Path groupFile,
    Set<String> ignore,
    int maxColumns,
    int threads) {

  /** Validates and copies the sets. */
  public ReadOptions {
    categorical = Set.copyOf(categorical);
    numeric = Set.copyOf(numeric);
    ignore = Set.copyOf(ignore);
    if (maxColumns < 0) {
      throw new IllegalArgumentException("maxColumns must be 0 (from the file) or positive");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }

  /** Detect the format and delimiter, expect a header, no roles, every core. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, null, true, Set.of(), Set.of(), null, null, null, null, Set.of(), 0,
        Runtime.getRuntime().availableProcessors());
  }

  /** A copy with the given format ({@code null} detects it). */
  public ReadOptions withFormat(DataFormat value) {
    return new ReadOptions(value, delimiter, header, categorical, numeric, label,
        weight, group, groupFile, ignore, maxColumns, threads);
  }

  /** A copy with the given delimiter ({@code null} detects it). */
  public ReadOptions withDelimiter(Character value) {
    return new ReadOptions(format, value, header, categorical, numeric, label,
        weight, group, groupFile, ignore, maxColumns, threads);
  }

  /** A copy that does or does not expect a header line. */
  public ReadOptions withHeader(boolean value) {
    return new ReadOptions(format, delimiter, value, categorical, numeric, label,
        weight, group, groupFile, ignore, maxColumns, threads);
  }

  /** A copy with these columns forced categorical. */
  public ReadOptions withCategorical(Set<String> value) {
    return new ReadOptions(format, delimiter, header, value, numeric, label,
        weight, group, groupFile, ignore, maxColumns, threads);
  }

  /** A copy with these columns forced numeric (values that are not numbers read as missing). */
  public ReadOptions withNumeric(Set<String> value) {
    return new ReadOptions(format, delimiter, header, categorical, value, label,
        weight, group, groupFile, ignore, maxColumns, threads);
  }

  /** A copy with the given label column. */
  public ReadOptions withLabel(String value) {
    return new ReadOptions(format, delimiter, header, categorical, numeric, value,
        weight, group, groupFile, ignore, maxColumns, threads);
  }

  /** A copy with the given weight column. */
  public ReadOptions withWeight(String value) {
    return new ReadOptions(format, delimiter, header, categorical, numeric, label,
        value, group, groupFile, ignore, maxColumns, threads);
  }

  /** A copy with the given group column. */
  public ReadOptions withGroup(String value) {
    return new ReadOptions(format, delimiter, header, categorical, numeric, label,
        weight, value, groupFile, ignore, maxColumns, threads);
  }

  /** A copy with the given group-size file. */
  public ReadOptions withGroupFile(Path value) {
    return new ReadOptions(format, delimiter, header, categorical, numeric, label,
        weight, group, value, ignore, maxColumns, threads);
  }

  /** A copy with these columns ignored. */
  public ReadOptions withIgnore(Set<String> value) {
    return new ReadOptions(format, delimiter, header, categorical, numeric, label,
        weight, group, groupFile, value, maxColumns, threads);
  }

  /** A copy allowing at most this many columns per file (0: a limit derived from the file). */
  public ReadOptions withMaxColumns(int value) {
    return new ReadOptions(format, delimiter, header, categorical, numeric, label,
        weight, group, groupFile, ignore, value, threads);
  }

  /** A copy using this many threads. */
  public ReadOptions withThreads(int value) {
    return new ReadOptions(format, delimiter, header, categorical, numeric, label,
        weight, group, groupFile, ignore, maxColumns, value);
  }
}
