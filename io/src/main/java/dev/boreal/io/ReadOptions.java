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
 * @param label the label column's name or 0-based position, or {@code null} when there is none
 * @param weight the sample-weight column's name or position, or {@code null}
 * @param group the group (query id) column's name or position, or {@code null}
 * @param groupFile a LightGBM {@code .query} file of group sizes, one per line, or {@code null}
 * @param ignore columns that are neither features nor roles
 * @param threads how many threads a reader may use (at least 1)
 */
public record ReadOptions(
    DataFormat format,
    Character delimiter,
    boolean header,
    Set<String> categorical,
    String label,
    String weight,
    String group,
    Path groupFile,
    Set<String> ignore,
    int threads) {

  /** Validates and copies the sets. */
  public ReadOptions {
    categorical = Set.copyOf(categorical);
    ignore = Set.copyOf(ignore);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }

  /** Detect the format and delimiter, expect a header, no roles, every core. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, null, true, Set.of(), null, null, null, null, Set.of(),
        Runtime.getRuntime().availableProcessors());
  }

  /** A copy with the given format ({@code null} detects it). */
  public ReadOptions withFormat(DataFormat f) {
    return new ReadOptions(f, delimiter, header, categorical, label, weight, group, groupFile, ignore, threads);
  }

  /** A copy with the given delimiter ({@code null} detects it). */
  public ReadOptions withDelimiter(Character d) {
    return new ReadOptions(format, d, header, categorical, label, weight, group, groupFile, ignore, threads);
  }

  /** A copy that does or does not expect a header line. */
  public ReadOptions withHeader(boolean h) {
    return new ReadOptions(format, delimiter, h, categorical, label, weight, group, groupFile, ignore, threads);
  }

  /** A copy with these columns forced categorical. */
  public ReadOptions withCategorical(Set<String> c) {
    return new ReadOptions(format, delimiter, header, c, label, weight, group, groupFile, ignore, threads);
  }

  /** A copy with the given label column. */
  public ReadOptions withLabel(String l) {
    return new ReadOptions(format, delimiter, header, categorical, l, weight, group, groupFile, ignore, threads);
  }

  /** A copy with the given weight column. */
  public ReadOptions withWeight(String w) {
    return new ReadOptions(format, delimiter, header, categorical, label, w, group, groupFile, ignore, threads);
  }

  /** A copy with the given group column. */
  public ReadOptions withGroup(String g) {
    return new ReadOptions(format, delimiter, header, categorical, label, weight, g, groupFile, ignore, threads);
  }

  /** A copy with the given group-size file. */
  public ReadOptions withGroupFile(Path g) {
    return new ReadOptions(format, delimiter, header, categorical, label, weight, group, g, ignore, threads);
  }

  /** A copy with these columns ignored. */
  public ReadOptions withIgnore(Set<String> i) {
    return new ReadOptions(format, delimiter, header, categorical, label, weight, group, groupFile, i, threads);
  }

  /** A copy using this many threads. */
  public ReadOptions withThreads(int t) {
    return new ReadOptions(format, delimiter, header, categorical, label, weight, group, groupFile, ignore, t);
  }
}
