package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Tables from data a program already holds: an Arrow record batch, or named columns of {@code double[]}
 * (numeric) and {@code String[]} (categorical). Columns are converted as {@link ArrowFileReader} converts
 * a file's (text to categories numbered in order of first appearance, numbers to doubles), and the
 * {@link Table} checks their roles with the same sentences, the source named by the caller where a file's
 * path would be. So a table from arrays trains the model the same values written as CSV train, bit for bit.
 */
public final class MemoryTables {
  private MemoryTables() {}

  /**
   * A copy of {@code root}'s columns as a table; the root stays the caller's.
   *
   * @param name how error messages and validation histories name the data, e.g. "train"
   * @param dictionaries where dictionary-encoded columns find their dictionaries ({@code null} when none is)
   * @throws UsageException if an option names a column the root lacks, or a dictionary is not given
   * @throws InputException for a column of a type Boreal does not read, or a missing or non-finite label
   *     or weight, naming the row and column
   */
  public static Table of(String name, VectorSchemaRoot root, DictionaryProvider dictionaries, ReadOptions options,
      BufferAllocator allocator) {
    Path source = source(name);
    List<Field> fields = root.getSchema().getFields();
    for (Field f : fields) {
      DictionaryEncoding encoding = f.getDictionary();
      if (encoding != null && (dictionaries == null || dictionaries.lookup(encoding.getId()) == null)) {
        throw new UsageException(name + ": column '" + f.getName() + "' is dictionary-encoded, but its dictionary "
            + encoding.getId() + " was not given.");
      }
    }
    int rows = root.getRowCount();
    List<ArrowFileColumn> columns = new ArrayList<>(fields.size());
    RawTable raw = null;
    try {
      double[] scratch = new double[rows];
      for (int c = 0; c < fields.size(); c++) {
        Field f = fields.get(c);
        ArrowFileColumn column = new ArrowFileColumn(f.getName(), c,
            ArrowFileReader.kindOf(source, f, c, options.categorical(), fields), allocator);
        columns.add(column);
        column.append(root.getVector(c), dictionaries, 0, rows, scratch);
      }
      raw = ArrowFileReader.assemble(columns, rows, new DictionaryProvider.MapDictionaryProvider());
    } finally {
      if (raw == null) {
        columns.forEach(ArrowFileColumn::close);
      }
    }
    try {
      return new Table(source, raw, options.withFormat(DataFormat.ARROW));
    } catch (RuntimeException e) {
      new Table.Releaser(raw).close();
      throw e;
    }
  }

  /**
   * A table of named columns, in the map's iteration order (use a {@code LinkedHashMap} to fix the feature
   * order): a {@code double[]} is numeric (NaN missing), a {@code String[]} categorical (null missing).
   *
   * @param name how error messages and validation histories name the data, e.g. "train"
   * @throws InputException naming the column whose value is neither, or whose length differs from the first
   *     column's; and as {@link #of(String, VectorSchemaRoot, DictionaryProvider, ReadOptions, BufferAllocator)}
   */
  public static Table of(String name, Map<String, ?> columns, ReadOptions options, BufferAllocator allocator) {
    source(name);
    TableWriter.Columns checked = new TableWriter.Columns();
    String first = null;
    for (Map.Entry<String, ?> e : columns.entrySet()) {
      String column = e.getKey();
      Object values = e.getValue();
      int rows = values instanceof double[] numbers ? numbers.length : values instanceof String[] texts ? texts.length
          : -1;
      if (rows < 0) {
        throw new InputException(name + ": column '" + column + "' is "
            + (values == null ? "null" : "a " + values.getClass().getSimpleName())
            + "; expected a double[] (numeric) or a String[] (categorical).");
      }
      if (first == null) {
        first = column;
      } else if (rows != checked.rows()) {
        throw new InputException(name + ": column '" + column + "' has " + rows + " rows, but column '" + first
            + "' has " + checked.rows() + ".");
      }
      if (values instanceof double[] numbers) {
        checked.add(column, numbers);
      } else {
        checked.add(column, (String[]) values);
      }
    }
    try (VectorSchemaRoot root = TableWriter.toArrow(checked, allocator)) {
      root.setRowCount(checked.rows());
      return of(name, root, null, options, allocator);
    }
  }

  private static Path source(String name) {
    if (name == null || name.isBlank()) {
      throw new UsageException("In-memory data needs a name for its messages, such as \"train\".");
    }
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new UsageException("'" + name + "' cannot name in-memory data: " + e.getReason() + ".");
    }
  }
}
