package dev.boreal.bench;

import dev.boreal.io.DataReaders;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.arrow.memory.RootAllocator;

/**
 * The integer codes the peers' Java bindings get for categorical (text) columns, which they cannot take as
 * text: per column, the categories of the training and the test file together, sorted by
 * {@link String#compareTo} and numbered from 0, as the suite's {@code reference.py} builds its pandas
 * categories. A missing value stays NaN. Boreal reads the text itself and never uses these codes.
 *
 * <p>The dictionary spans both files so that a category has one code in both, and a column that Boreal's reader
 * finds categorical in either file is read as categorical in both ({@link #readOptions}): a test file whose
 * column happens to hold only numbers would otherwise disagree with its training file.
 */
public final class CategoryCodes {
  /** No dictionary: a categorical column is refused, as {@code bench compare} gives the peers numbers only. */
  public static final CategoryCodes NONE = new CategoryCodes(Map.of());

  /** Column → category → code, columns in the training file's order. */
  private final Map<String, Map<String, Integer>> codes;

  private CategoryCodes(Map<String, Map<String, Integer>> codes) {
    this.codes = codes;
  }

  /**
   * Reads both files with Boreal's reader and builds the codes of every column that is categorical in either
   * (or that {@code options} forces categorical).
   */
  public static CategoryCodes of(Path train, Path test, ReadOptions options) {
    try (RootAllocator allocator = new RootAllocator()) {
      Set<String> categorical = new LinkedHashSet<>();
      for (Path file : List.of(train, test)) {
        try (Table table = DataReaders.read(file, options, allocator)) {
          for (String name : table.featureNames()) {
            if (table.isCategorical(name)) {
              categorical.add(name);
            }
          }
        }
      }
      ReadOptions both = options.withCategorical(union(options.categorical(), categorical));
      Map<String, Set<String>> names = new LinkedHashMap<>();
      for (Path file : List.of(train, test)) {
        try (Table table = DataReaders.read(file, both, allocator)) {
          for (String name : table.featureNames()) {
            if (table.isCategorical(name)) {
              names.computeIfAbsent(name, n -> new TreeSet<>()).addAll(Arrays.asList(table.column(name).categories()));
            }
          }
        }
      }
      Map<String, Map<String, Integer>> codes = new LinkedHashMap<>();
      names.forEach((column, sorted) -> {
        Map<String, Integer> byName = new HashMap<>();
        for (String category : sorted) {
          byName.put(category, byName.size());
        }
        codes.put(column, Collections.unmodifiableMap(byName));
      });
      return new CategoryCodes(Collections.unmodifiableMap(codes));
    }
  }

  /** The categorical columns, in the training file's order. */
  public Set<String> columns() {
    return codes.keySet();
  }

  /** Whether the column has codes. */
  boolean has(String column) {
    return codes.containsKey(column);
  }

  /** Read options under which every coded column is categorical, in both files. */
  public ReadOptions readOptions(ReadOptions base) {
    return codes.isEmpty() ? base : base.withCategorical(union(base.categorical(), columns()));
  }

  /**
   * The codes of one file's categories of a column: {@code out[i]} is the code of {@code categories[i]}, or -1
   * for a category the dictionary does not know (it reads as missing).
   */
  int[] translation(String column, String[] categories) {
    Map<String, Integer> byName = codes.get(column);
    int[] out = new int[categories.length];
    for (int i = 0; i < categories.length; i++) {
      out[i] = byName.getOrDefault(categories[i], -1);
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }
}
