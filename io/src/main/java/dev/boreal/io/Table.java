package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.learn.InputData;
import dev.boreal.engine.learn.Preparation;
import dev.boreal.histogram.FeatureColumn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;

/**
 * A data file read into Arrow columns, with each column's role resolved: the label, the sample weight,
 * the group (query id), ignored columns, and the features (everything else, in file order). A sparse file's
 * (LibSVM) feature columns are kept as their entries ({@link FeatureColumn#sparse}), after the Arrow columns.
 *
 * <p>A table owns its vectors; close it to release them.
 */
public final class Table implements AutoCloseable {
  private final Path source;
  private final DataFormat format;
  private final VectorSchemaRoot root;
  private final DictionaryProvider.MapDictionaryProvider dictionaries;
  /** Columns by name: Arrow's own lookup scans every column, which is quadratic over a wide table. */
  private final Map<String, FieldVector> byName;
  /** The sparse columns by name, in file order after the Arrow columns. */
  private final Map<String, FeatureColumn> sparseByName;
  private final String labelName;
  private final String weightName;
  private final String groupName;
  private final List<String> featureNames;
  private final int[] groupSizes;
  private final List<ReadNote> notes;

  Table(Path source, RawTable raw, ReadOptions options) {
    this.source = source;
    this.format = options.format();
    this.root = raw.root();
    this.dictionaries = raw.dictionaries();
    this.byName = new HashMap<>();
    for (FieldVector v : root.getFieldVectors()) {
      byName.putIfAbsent(v.getName(), v);
    }
    this.sparseByName = new LinkedHashMap<>();
    for (FeatureColumn c : raw.sparseColumns()) {
      if (!byName.containsKey(c.name())) {
        sparseByName.putIfAbsent(c.name(), c);
      }
    }
    List<String> names = columnNames();
    this.labelName = resolve(names, options.label(), "--label");
    this.weightName = resolve(names, options.weight(), "--weight");
    this.groupName = resolve(names, options.group(), "--group");
    Set<String> excluded = new HashSet<>();
    for (String ignored : options.ignore()) {
      excluded.add(resolve(names, ignored, "--ignore"));
    }
    Set<String> categorical = new HashSet<>();
    for (String forced : options.categorical()) {
      categorical.add(resolve(names, forced, "--categorical"));
    }
    for (String forced : options.numeric()) {
      String name = resolve(names, forced, "--numeric");
      if (categorical.contains(name)) {
        throw new UsageException(source + ": column '" + name + "' is named by both --categorical and --numeric.");
      }
      if (isCategorical(name)) {
        throw new UsageException(source + ": --numeric names column '" + name + "', which this " + format.cliName()
            + " file stores as text; --numeric applies to CSV and TSV files.");
      }
    }
    this.notes = List.copyOf(raw.notes());
    excluded.add(labelName);
    excluded.add(weightName);
    excluded.add(groupName);
    List<String> features = new ArrayList<>();
    for (String n : names) {
      if (!excluded.contains(n)) {
        features.add(n);
      }
    }
    this.featureNames = Collections.unmodifiableList(features);
    if (labelName != null) {
      checkFinite(labelName, "label");
    }
    if (weightName != null) {
      checkFinite(weightName, "weight");
    }
    if (options.groupFile() != null) {
      this.groupSizes = GroupFile.read(options.groupFile(), rowCount());
    } else if (groupName != null) {
      this.groupSizes = GroupFile.sizesFromIds(source, groupName, numericColumn(groupName));
    } else {
      this.groupSizes = raw.groupSizes();
    }
  }

  private String resolve(List<String> names, String spec, String option) {
    if (spec == null) {
      return null;
    }
    if (has(spec)) {
      return spec;
    }
    if (!spec.isEmpty() && spec.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(spec);
      if (index < names.size()) {
        return names.get(index);
      }
    }
    throw new UsageException(source + ": " + option + " names column '" + spec
        + "', which is neither a column name nor a position below " + names.size() + ".");
  }

  private boolean has(String name) {
    return byName.containsKey(name) || sparseByName.containsKey(name);
  }

  private void checkFinite(String column, String role) {
    FieldVector v = byName.get(column);
    if (v != null && v.getField().getDictionary() != null) {
      if (!"label".equals(role)) {
        throw new InputException(source + ": the " + role + " column '" + column
            + "' holds text; a " + role + " must be a number.");
      }
      for (int r = 0; r < v.getValueCount(); r++) {
        if (v.isNull(r)) {
          throw new InputException(source + ": row " + (r + 1) + ", column '" + column
              + "': the label is missing.");
        }
      }
      return;
    }
    double[] values = numericColumn(column);
    for (int r = 0; r < values.length; r++) {
      if (!Double.isFinite(values[r])) {
        throw new InputException(source + ": row " + (r + 1) + ", column '" + column + "': the " + role
            + " is " + (Double.isNaN(values[r]) ? "missing or NaN" : "infinite")
            + "; a " + role + " must be a finite number.");
      }
    }
  }

  /**
   * What the reader decided that the user may not expect: columns typed by a few stray values, columns
   * left out. Empty for most files.
   */
  public List<ReadNote> notes() {
    return notes;
  }

  /** The file the table was read from. */
  public Path source() {
    return source;
  }

  /** The format the file was read as. */
  public DataFormat format() {
    return format;
  }

  /** Number of rows. */
  public int rowCount() {
    return root.getRowCount();
  }

  /** The Arrow columns as read, in file order: every column but the sparse ones (see the class comment). */
  public VectorSchemaRoot root() {
    return root;
  }

  /**
   * Rows {@code [from, from + n)} of {@code columns} (columns of this table, as {@link #features} or
   * {@link #further} give them), each a column of its own; close the result to release the slice.
   */
  public Slice slice(int from, int n, List<FeatureColumn> columns) {
    VectorSchemaRoot arrow = root.slice(from, n);
    List<FeatureColumn> out = new ArrayList<>(columns.size());
    for (FeatureColumn c : columns) {
      if (c.isSparse()) {
        out.add(c.sparseSlice(from, n));
      } else {
        FieldVector v = arrow.getVector(c.name());
        out.add(c.isCategorical() ? FeatureColumn.categorical(c.name(), (IntVector) v, c.categories())
            : FeatureColumn.numeric(c.name(), v));
      }
    }
    return new Slice(arrow, out);
  }

  /**
   * Rows of some of a table's columns ({@link #slice}), viewing the table's Arrow buffers.
   *
   * @param columns the sliced columns, in the order asked for
   */
  public record Slice(VectorSchemaRoot arrow, List<FeatureColumn> columns) implements AutoCloseable {
    @Override
    public void close() {
      arrow.close();
    }
  }

  /** The dictionaries of categorical columns. */
  public DictionaryProvider dictionaries() {
    return dictionaries;
  }

  /** Every column name in file order. */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>(byName.size() + sparseByName.size());
    for (FieldVector v : root.getFieldVectors()) {
      names.add(v.getName());
    }
    names.addAll(sparseByName.keySet());
    return names;
  }

  /** The label column's name, or {@code null}. */
  public String labelName() {
    return labelName;
  }

  /** The weight column's name, or {@code null}. */
  public String weightName() {
    return weightName;
  }

  /** The group column's name, or {@code null}. */
  public String groupName() {
    return groupName;
  }

  /** Feature column names in file order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Whether column {@code name} is categorical (dictionary-encoded). */
  public boolean isCategorical(String name) {
    FieldVector v = byName.get(name);
    return v != null && v.getField().getDictionary() != null;
  }

  /** The features, numeric or categorical, in file order. */
  public List<FeatureColumn> features() {
    List<FeatureColumn> out = new ArrayList<>(featureNames.size());
    for (String n : featureNames) {
      out.add(column(n));
    }
    return out;
  }

  /** Any column viewed as a feature column. */
  public FeatureColumn column(String name) {
    FeatureColumn sparse = sparseByName.get(name);
    if (sparse != null) {
      return sparse;
    }
    FieldVector v = byName.get(name);
    if (v == null) {
      throw new UsageException(source + ": there is no column '" + name + "'.");
    }
    DictionaryEncoding encoding = v.getField().getDictionary();
    if (encoding == null) {
      return FeatureColumn.numeric(name, v);
    }
    return FeatureColumn.categorical(name, (IntVector) v, categoriesOf(encoding));
  }

  private String[] categoriesOf(DictionaryEncoding encoding) {
    Dictionary d = dictionaries.lookup(encoding.getId());
    VarCharVector words = (VarCharVector) d.getVector();
    String[] out = new String[words.getValueCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new String(words.get(i), StandardCharsets.UTF_8);
    }
    return out;
  }

  /** The values of a numeric column as doubles (NaN where null). */
  public double[] numericColumn(String name) {
    FeatureColumn c = column(name);
    if (c.isCategorical()) {
      throw new InputException(source + ": column '" + name + "' holds text where numbers were expected.");
    }
    double[] out = new double[rowCount()];
    c.readValues(0, out.length, out);
    return out;
  }

  /** This table as a training set: its features, label, weights and query groups. */
  public InputData input() {
    return input(features());
  }

  /**
   * This table as a further set (validation, test) for a model with these features: the columns of those
   * names that it has, whatever role it gave them; {@link Preparation#matching} names any it lacks.
   */
  public InputData further(List<String> featureNames) {
    List<FeatureColumn> columns = new ArrayList<>(featureNames.size());
    for (String name : featureNames) {
      if (has(name)) {
        columns.add(column(name));
      }
    }
    return input(columns);
  }

  private InputData input(List<FeatureColumn> columns) {
    return new InputData(source.toString(), source.getFileName().toString(), columns,
        hasLabel() ? labelColumn() : null, weights(), groupSizes());
  }

  /** Whether a label column was named. */
  public boolean hasLabel() {
    return labelName != null;
  }

  /** The label column as a feature column (numeric, or categorical for text labels). */
  public FeatureColumn labelColumn() {
    if (labelName == null) {
      throw new UsageException(source + ": no label column was given; name it with --label.");
    }
    return column(labelName);
  }

  /** Sample weights, or {@code null} when the table has no weight column. */
  public double[] weights() {
    return weightName == null ? null : numericColumn(weightName);
  }

  /** Group sizes in row order (from {@code --group}, {@code --group-file} or LibSVM qid), or {@code null}. */
  public int[] groupSizes() {
    return groupSizes == null ? null : groupSizes.clone();
  }

  @Override
  public void close() {
    new Releaser(new RawTable(root, dictionaries, null)).close();
  }

  /** Releases a raw table's vectors and dictionaries, for tables that never got built. */
  record Releaser(RawTable raw) implements AutoCloseable {
    @Override
    public void close() {
      raw.root().close();
      for (long id : raw.dictionaries().getDictionaryIds()) {
        raw.dictionaries().lookup(id).getVector().close();
      }
    }
  }
}
