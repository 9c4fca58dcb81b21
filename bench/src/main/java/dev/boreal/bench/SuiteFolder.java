package dev.boreal.bench;

import dev.boreal.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A folder of data sets in the accuracy suite's layout, read and checked before anything runs: {@code tasks.tsv}
 * (a header, then one line per set: name, task, rows, features, classes), {@code NAME.train.csv} and
 * {@code NAME.test.csv} per set (a header line, the label in column {@code label}), and optionally
 * {@code reference.tsv} with peers' test scores (dataset, task, model, metric, value, train_s). Every problem is
 * one sentence naming the file and line, thrown as a {@link UsageException}.
 */
final class SuiteFolder {
  /** The file that lists the data sets. */
  static final String TASKS = "tasks.tsv";
  /** The optional file of the peers' scores. */
  static final String REFERENCE = "reference.tsv";
  /** The label column of every data file. */
  static final String LABEL = "label";

  private static final List<String> TASK_COLUMNS = List.of("name", "task", "rows", "features", "classes");
  private static final List<String> REFERENCE_COLUMNS = List.of("dataset", "task", "model", "metric", "value");
  /** A set's name becomes part of file names. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  /** What a set asks of the learners, and how its test metric is judged. */
  enum Task {
    BINARY("auc", true),
    MULTICLASS(Trial.ACCURACY, true),
    REGRESSION("rmse", false);

    /** The test metric: AUC, accuracy or RMSE. */
    final String metric;
    /** Whether a higher metric is better. */
    final boolean higherIsBetter;

    Task(String metric, boolean higherIsBetter) {
      this.metric = metric;
      this.higherIsBetter = higherIsBetter;
    }

    /** The task's name in tasks.tsv, which is also the LightGBM objective that learns it. */
    String objective() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One data set of the folder.
   *
   * @param rows rows of both files together, as tasks.tsv states them
   * @param features feature columns, as tasks.tsv states them
   * @param classes classes of a classifier (0 for regression)
   * @param line the set's line in tasks.tsv, for messages
   */
  record DataSet(String name, Task task, int rows, int features, int classes, Path train, Path test, int line) {}

  private final Path dir;
  private final Map<String, DataSet> sets;
  /** Set → reference model → value; empty without reference.tsv. */
  private final Map<String, Map<String, Double>> reference;
  /** The reference models, in the order reference.tsv first names them. */
  private final List<String> referenceModels;

  private SuiteFolder(Path dir, Map<String, DataSet> sets, Map<String, Map<String, Double>> reference,
      List<String> referenceModels) {
    this.dir = dir;
    this.sets = sets;
    this.reference = reference;
    this.referenceModels = referenceModels;
  }

  /**
   * Reads tasks.tsv and, when present, reference.tsv.
   *
   * @throws UsageException if the folder or tasks.tsv is missing, or a line of either file is malformed
   */
  static SuiteFolder read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UsageException(dir + " is not a folder; --suite names a folder holding " + TASKS
          + " and NAME.train.csv / NAME.test.csv per data set.");
    }
    Path tasks = dir.resolve(TASKS);
    if (!Files.isRegularFile(tasks)) {
      throw new UsageException(tasks + " is missing; a suite folder lists its data sets there, one line each:"
          + " name, task, rows, features, classes (tab-separated, after a header line).");
    }
    Map<String, DataSet> sets = new LinkedHashMap<>();
    for (Line line : lines(tasks, TASK_COLUMNS)) {
      String name = line.field("name");
      if (!NAME.matcher(name).matches()) {
        throw line.error("data set name '" + name + "' must be letters, digits, '_', '.' or '-'");
      }
      if (sets.containsKey(name)) {
        throw line.error("data set '" + name + "' is listed twice (also line " + sets.get(name).line() + ")");
      }
      Task task = task(line, line.field("task"));
      int classes = line.count("classes");
      if (task == Task.MULTICLASS && classes < 2) {
        throw line.error("a multiclass set needs classes of 2 or more, not " + classes);
      }
      sets.put(name, new DataSet(name, task, line.count("rows"), line.count("features"), classes,
          dir.resolve(name + ".train.csv"), dir.resolve(name + ".test.csv"), line.number()));
    }
    if (sets.isEmpty()) {
      throw new UsageException(tasks + " lists no data sets after its header line.");
    }
    Map<String, Map<String, Double>> reference = new LinkedHashMap<>();
    Set<String> models = new LinkedHashSet<>();
    Path referenceFile = dir.resolve(REFERENCE);
    if (Files.isRegularFile(referenceFile)) {
      for (Line line : lines(referenceFile, REFERENCE_COLUMNS)) {
        DataSet set = sets.get(line.field("dataset"));
        if (set == null) {
          throw line.error("data set '" + line.field("dataset") + "' is not listed in " + TASKS);
        }
        if (task(line, line.field("task")) != set.task()) {
          throw line.error("task '" + line.field("task") + "' differs from " + TASKS + "'s '"
              + set.task().objective() + "' for " + set.name());
        }
        if (!line.field("metric").equals(set.task().metric)) {
          throw line.error("metric '" + line.field("metric") + "' is not " + set.task().metric + ", the metric of a "
              + set.task().objective() + " set");
        }
        String model = line.field("model");
        Double earlier = reference.computeIfAbsent(set.name(), s -> new LinkedHashMap<>())
            .put(model, line.number("value"));
        if (earlier != null) {
          throw line.error("model '" + model + "' is given twice for " + set.name());
        }
        models.add(model);
      }
    }
    return new SuiteFolder(dir, sets, reference, List.copyOf(models));
  }

  /** The folder. */
  Path dir() {
    return dir;
  }

  /** Whether the folder has reference.tsv. */
  boolean hasReference() {
    return !referenceModels.isEmpty();
  }

  /** The reference models, in the order reference.tsv first names them. */
  List<String> referenceModels() {
    return referenceModels;
  }

  /** The reference scores of one set: model → value (empty when none). */
  Map<String, Double> reference(String set) {
    return reference.getOrDefault(set, Map.of());
  }

  /**
   * The sets to run, in tasks.tsv order: all of them, or those named.
   *
   * @throws UsageException naming a set tasks.tsv does not list, or a set whose data files are missing
   */
  List<DataSet> select(List<String> names) {
    for (String name : names) {
      if (!sets.containsKey(name)) {
        throw new UsageException("--sets names '" + name + "', which " + dir.resolve(TASKS)
            + " does not list; it lists " + String.join(", ", sets.keySet()) + ".");
      }
    }
    List<DataSet> out = new ArrayList<>();
    for (DataSet set : sets.values()) {
      if (names.isEmpty() || names.contains(set.name())) {
        for (Path file : List.of(set.train(), set.test())) {
          if (!Files.isRegularFile(file)) {
            throw new UsageException(file + " is missing: data set '" + set.name() + "' (" + dir.resolve(TASKS)
                + " line " + set.line() + ") needs " + set.name() + ".train.csv and " + set.name() + ".test.csv.");
          }
        }
        out.add(set);
      }
    }
    return out;
  }

  private static Task task(Line line, String name) {
    for (Task t : Task.values()) {
      if (t.objective().equals(name)) {
        return t;
      }
    }
    throw line.error("task '" + name + "' is not binary, multiclass or regression");
  }

  /** One data line of a tab-separated file, its fields found by the header's column names. */
  private record Line(Path file, int number, Map<String, String> fields) {
    String field(String column) {
      return fields.get(column);
    }

    int count(String column) {
      String text = field(column);
      try {
        int n = Integer.parseInt(text);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // falls through to the sentence below
      }
      throw error(column + " must be a whole number of 0 or more, not '" + text + "'");
    }

    double number(String column) {
      String text = field(column);
      try {
        double v = Double.parseDouble(text);
        if (Double.isFinite(v)) {
          return v;
        }
      } catch (NumberFormatException e) {
        // falls through to the sentence below
      }
      throw error(column + " must be a number, not '" + text + "'");
    }

    UsageException error(String what) {
      return new UsageException(file + " line " + number + ": " + what + ".");
    }
  }

  /** The data lines of a tab-separated file whose header must name {@code required} (other columns may follow). */
  private static List<Line> lines(Path file, List<String> required) {
    List<String> text;
    try {
      text = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException(file + " could not be read: " + e.getMessage() + ".");
    }
    if (text.isEmpty()) {
      throw new UsageException(file + " is empty; its first line must be the header " + String.join("\t", required)
          + ".");
    }
    List<String> header = Arrays.stream(withoutCarriageReturn(text.get(0)).split("\t", -1)).map(String::strip).toList();
    for (String column : required) {
      if (!header.contains(column)) {
        throw new UsageException(file + " line 1: the header has no column '" + column + "'; it must name "
            + String.join(", ", required) + " (tab-separated).");
      }
    }
    List<Line> out = new ArrayList<>();
    for (int i = 1; i < text.size(); i++) {
      String raw = withoutCarriageReturn(text.get(i));
      if (raw.isBlank()) {
        continue;
      }
      String[] parts = raw.split("\t", -1);
      if (parts.length != header.size()) {
        throw new UsageException(file + " line " + (i + 1) + ": " + parts.length + " tab-separated fields where the"
            + " header has " + header.size() + " (" + String.join(", ", header) + ").");
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int c = 0; c < parts.length; c++) {
        fields.put(header.get(c), parts[c].strip());
      }
      out.add(new Line(file, i + 1, fields));
    }
    return out;
  }

  /** A line of a file written on Windows, without its '\r'; trailing tabs stay, as they delimit empty fields. */
  private static String withoutCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
