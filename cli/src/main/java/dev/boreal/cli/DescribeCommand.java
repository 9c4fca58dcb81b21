package dev.boreal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.boreal.io.DataReaders;
import dev.boreal.io.Table;
import dev.boreal.io.TableSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code boreal describe}: what a data file holds, column by column, as Boreal reads and bins it. */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Read a data file and report its rows, columns, types, missing values, bins and label.")
final class DescribeCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "The data file.")
  Path data;

  @Option(names = "--json", description = "Print the summary as JSON.")
  boolean json;

  @Option(names = "--threads", paramLabel = "N", description = "Threads to read and bin with (default: all cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Mixin
  SchemaOptions schema;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TableSummary summary = describe(data, schema, threads);
    PrintWriter out = spec.commandLine().getOut();
    ReadNotes.printMessages(summary.notes(), spec.commandLine().getErr());
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
    } else {
      print(summary, out);
    }
    return 0;
  }

  /** Reads and bins {@code file} and summarises it. */
  static TableSummary describe(Path file, SchemaOptions schema, int threads) {
    try (BufferAllocator allocator = new RootAllocator();
        Table table = DataReaders.read(file, schema.toReadOptions(threads), allocator)) {
      return TableSummary.of(table, Binning.binsPerFeature(table, threads));
    }
  }

  /** Prints the summary as a table people read. */
  static void print(TableSummary s, PrintWriter out) {
    long features = s.columns().stream().filter(c -> c.role().equals("feature")).count();
    long categorical = s.columns().stream()
        .filter(c -> c.role().equals("feature") && c.type().equals("categorical")).count();
    out.printf(Locale.ROOT, "%s: %s, %,d rows, %d columns (%d features: %d numeric, %d categorical)%n",
        s.file(), s.format(), s.rows(), s.columns().size(), features, features - categorical, categorical);
    if (s.label() != null) {
      TableSummary.Label l = s.label();
      out.printf(Locale.ROOT, "label %s (%s)", l.name(), l.type());
      if (l.min() != null) {
        out.printf(Locale.ROOT, ": min %s, max %s, mean %s", num(l.min()), num(l.max()), num(l.mean()));
      }
      if (!l.classes().isEmpty()) {
        StringBuilder classes = new StringBuilder();
        l.classes().forEach((k, v) -> classes.append(classes.length() == 0 ? "" : ", ")
            .append(k).append(": ").append(String.format(Locale.ROOT, "%,d", v)));
        out.print("; " + l.classes().size() + " distinct values (" + classes + ")");
      }
      out.println();
    }
    int width = 6;
    for (TableSummary.Column c : s.columns()) {
      width = Math.max(width, c.name().length());
    }
    // Padded by hand into one buffer: a printf per line dominates describe on a table of 100,000 columns.
    NumberFormat grouped = NumberFormat.getIntegerInstance(Locale.ROOT);
    StringBuilder table = new StringBuilder();
    row(table, width, "column", "role", "type", "missing", "bins", "min", "max", "mean");
    for (TableSummary.Column c : s.columns()) {
      String bins = c.bins() > 0 ? Integer.toString(c.bins()) : c.categories() > 0 ? c.categories() + " cat" : "-";
      row(table, width, c.name(), c.role(), c.type(), grouped.format(c.missing()), bins, num(c.min()), num(c.max()),
          num(c.mean()));
    }
    out.print(table);
    out.flush();
  }

  /** One line of the column table: name, role and type left-aligned, the numbers right-aligned. */
  private static void row(StringBuilder b, int nameWidth, String name, String role, String type, String missing,
      String bins, String min, String max, String mean) {
    pad(b, name, -nameWidth);
    pad(b.append("  "), role, -8);
    pad(b.append("  "), type, -11);
    pad(b.append("  "), missing, 9);
    pad(b.append("  "), bins, 6);
    pad(b.append("  "), min, 12);
    pad(b.append("  "), max, 12);
    pad(b.append("  "), mean, 12);
    b.append(System.lineSeparator());
  }

  /** Appends {@code s} padded to {@code |width|}: on the right when {@code width} is negative, else on the left. */
  private static void pad(StringBuilder b, String s, int width) {
    int fill = Math.abs(width) - s.length();
    if (width < 0) {
      b.append(s);
    }
    for (int i = 0; i < fill; i++) {
      b.append(' ');
    }
    if (width > 0) {
      b.append(s);
    }
  }

  private static String num(Double v) {
    if (v == null) {
      return "-";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return TableSummary.formatNumber(v);
    }
    // Locale.US prints as Locale.ROOT does here, but spares the Formatter a DecimalFormatSymbols per call.
    return String.format(Locale.US, "%.6g", v);
  }
}
