package dev.boreal.io;

import dev.boreal.histogram.FeatureColumn;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * What a format reader hands back before column roles are applied: every column of the file as Arrow
 * vectors. Numeric columns are {@code Float8Vector}; categorical columns are dictionary-encoded
 * {@code IntVector}s whose dictionaries ({@code VarCharVector}) are in {@code dictionaries}.
 *
 * @param root all columns, named as in the file
 * @param dictionaries the dictionaries of the categorical columns (owned with the root)
 * @param groupSizes group sizes the format itself carries (LibSVM {@code qid:}), or {@code null}
 * @param notes what the reader decided that the user may not expect, in column order
 * @param sparseColumns numeric columns kept as their entries, in file order after the root's; none for most formats
 */
record RawTable(VectorSchemaRoot root, DictionaryProvider.MapDictionaryProvider dictionaries, int[] groupSizes,
    List<ReadNote> notes, List<FeatureColumn> sparseColumns) {

  /** A table of Arrow columns only. */
  RawTable(VectorSchemaRoot root, DictionaryProvider.MapDictionaryProvider dictionaries, int[] groupSizes,
      List<ReadNote> notes) {
    this(root, dictionaries, groupSizes, notes, List.of());
  }

  /** A table of Arrow columns only that the reader has nothing to note about. */
  RawTable(VectorSchemaRoot root, DictionaryProvider.MapDictionaryProvider dictionaries, int[] groupSizes) {
    this(root, dictionaries, groupSizes, List.of());
  }
}
