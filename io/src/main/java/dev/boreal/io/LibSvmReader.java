package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.collect.DoubleList;
import dev.boreal.collect.IntList;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.histogram.WorkerTeam;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;

/**
 * Reads LibSVM / SVMlight sparse text, {@code label [qid:N] idx:value idx:value ... [# comment]}, as
 * XGBoost and LightGBM read it.
 *
 * <p>The columns are {@code label}, then one numeric column per feature index from the smallest index
 * seen (0 when any line uses index 0, else 1) up to the largest, named {@code f<idx>} with the index as
 * written in the file. <b>An entry absent from a line reads as 0.0, not as missing</b>, as LightGBM reads
 * sparse files; only an explicit {@code nan} value is missing. Indices on a line need not increase, but an
 * index may appear only once per line. {@code qid:} values become group sizes (runs of equal qid in row
 * order) rather than a column, and must be given on every line or on none. Blank lines and lines holding
 * only a comment are skipped; line numbers in errors count every line of the file.
 *
 * <p>The label is an Arrow column; each feature keeps only its entries ({@link FeatureColumn#sparse}), so reading
 * takes memory for the entries, never for every (row, column) cell. Training still bins a column of codes for every
 * index up to the largest, so a single large index would make a column for every index below it: the columns are
 * held to {@link ReadOptions#maxColumns()} when the caller states it, else to a limit derived from the file
 * ({@link LibSvmColumnLimit}). Indices above {@link #MAX_INDEX} are refused outright.
 *
 * <p>The file is streamed through a byte buffer and parsed by hand, with no per-token objects, because
 * LibSVM files are often large and the text is plain ASCII.
 */
final class LibSvmReader implements FormatReader {
  private static final int BUFFER_BYTES = 1 << 20;
  /** Every index up to the largest becomes a column of bins in training, so a stray huge index must fail early. */
  static final int MAX_INDEX = 1 << 24;

  @Override
  public RawTable read(Path file, ReadOptions options, BufferAllocator allocator, WorkerTeam team) throws IOException {
    Parsed p = new Parsed(file);
    try (InputStream in = Files.newInputStream(file)) {
      p.parseAll(in);
    }
    if (p.rows == 0) {
      throw new InputException(file + ": holds no data lines (only blank lines or comments).");
    }
    p.checkColumns(options.maxColumns());
    return p.toRawTable(allocator);
  }

  /** The rows of one file in compressed sparse form: labels, then (index, value) entries per row. */
  private static final class Parsed {
    private final Path file;
    private final DoubleList labels = new DoubleList();
    private final IntList rowEnds = new IntList();
    private final IntList indices = new IntList();
    private final DoubleList values = new DoubleList();
    private final IntList groupSizes = new IntList();
    private int rows;
    private int maxIndex = -1;
    /** The line where {@link #maxIndex} first appeared, for the message when it makes too many columns. */
    private int maxIndexLine;
    private boolean sawZero;
    private boolean hasQid;
    private long lastQid;
    private int lineNo;

    Parsed(Path file) {
      this.file = file;
    }

    void parseAll(InputStream in) throws IOException {
      byte[] buf = new byte[BUFFER_BYTES];
      int len = 0;
      boolean first = true;
      while (true) {
        int n = in.read(buf, len, buf.length - len);
        boolean eof = n < 0;
        if (!eof) {
          len += n;
        }
        int start = 0;
        if (first && len >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
          start = 3;
        }
        first = false;
        int pos = start;
        while (true) {
          int nl = indexOf(buf, pos, len, (byte) '\n');
          if (nl < 0) {
            break;
          }
          parseLine(buf, pos, nl);
          pos = nl + 1;
        }
        if (eof) {
          if (pos < len) {
            parseLine(buf, pos, len);
          }
          return;
        }
        // Keep the partial last line; grow the buffer only when one line fills all of it.
        int rest = len - pos;
        if (pos == 0 && rest == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        } else {
          System.arraycopy(buf, pos, buf, 0, rest);
        }
        len = rest;
      }
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
      for (int i = from; i < to; i++) {
        if (b[i] == x) {
          return i;
        }
      }
      return -1;
    }

    private void parseLine(byte[] b, int from, int to) {
      lineNo++;
      if (to > from && b[to - 1] == '\r') {
        to--;
      }
      int i = skipBlanks(b, from, to);
      if (i == to || b[i] == '#') {
        return;
      }
      int end = tokenEnd(b, i, to);
      double label = number(b, i, end);
      if (label != label && !isNan(b, i, end)) {
        throw error("expected a numeric label, found '" + text(b, i, end) + "'");
      }
      int row = rows;
      i = skipBlanks(b, end, to);
      boolean lineHasQid = false;
      if (i < to && b[i] != '#' && startsWith(b, i, to, "qid:")) {
        end = tokenEnd(b, i, to);
        parseQid(b, i, end);
        lineHasQid = true;
        i = skipBlanks(b, end, to);
      }
      if (row == 0) {
        hasQid = lineHasQid;
      } else if (lineHasQid != hasQid) {
        throw error(hasQid ? "expected 'qid:N' after the label, as on the first data line"
            : "found 'qid:' but the first data line has none; give qid on every line or on none");
      }
      int lineStart = indices.size();
      boolean increasing = true;
      int previous = -1;
      while (i < to && b[i] != '#') {
        end = tokenEnd(b, i, to);
        int index = parseEntry(b, i, end);
        increasing &= index > previous;
        previous = index;
        i = skipBlanks(b, end, to);
      }
      if (!increasing) {
        checkRepeats(lineStart);
      }
      labels.add(label);
      rowEnds.add(indices.size());
      rows++;
    }

    private void parseQid(byte[] b, int from, int end) {
      long q = 0;
      int digits = 0;
      for (int k = from + 4; k < end; k++) {
        int d = b[k] - '0';
        if (d < 0 || d > 9 || digits > 17) {
          digits = -1;
          break;
        }
        q = q * 10 + d;
        digits++;
      }
      if (digits <= 0) {
        throw error("expected 'qid:' followed by a non-negative integer, found '" + text(b, from, end) + "'");
      }
      if (rows == 0 || q != lastQid) {
        groupSizes.add(1);
      } else {
        int last = groupSizes.size() - 1;
        groupSizes.set(last, groupSizes.getInt(last) + 1);
      }
      lastQid = q;
    }

    /** Parses one {@code index:value} entry, keeps it, and returns its index. */
    private int parseEntry(byte[] b, int from, int end) {
      int colon = indexOf(b, from, end, (byte) ':');
      if (colon < 0) {
        throw error("expected 'index:value', found '" + text(b, from, end) + "'");
      }
      if (b[from] == '-') {
        throw error("found a negative feature index in '" + text(b, from, end)
            + "'; indices must be 0 or more");
      }
      long idx = 0;
      for (int k = from; k < colon; k++) {
        int d = b[k] - '0';
        if (d < 0 || d > 9) {
          throw error("expected 'index:value' with an integer index, found '" + text(b, from, end) + "'");
        }
        idx = idx * 10 + d;
        if (idx > MAX_INDEX) {
          throw error("the feature index in '" + text(b, from, end) + "' is above " + MAX_INDEX
              + ", the largest index read (every index up to the largest becomes a column)");
        }
      }
      if (colon == from) {
        throw error("expected 'index:value' with an integer index, found '" + text(b, from, end) + "'");
      }
      double v = number(b, colon + 1, end);
      if (v != v && !isNan(b, colon + 1, end)) {
        throw error("expected a number after '" + text(b, from, colon + 1) + "', found '"
            + text(b, colon + 1, end) + "'");
      }
      int index = (int) idx;
      if (index > maxIndex) {
        maxIndex = index;
        maxIndexLine = lineNo;
      }
      sawZero |= index == 0;
      indices.add(index);
      values.add(v);
      return index;
    }

    /**
     * Refuses an index given twice on the current line, whose entries start at {@code lineStart}; only
     * lines whose indices do not increase need this, and sorting their indices finds a repeat without
     * any table sized by the largest index.
     */
    private void checkRepeats(int lineStart) {
      int[] line = new int[indices.size() - lineStart];
      for (int k = 0; k < line.length; k++) {
        line[k] = indices.getInt(lineStart + k);
      }
      Arrays.sort(line);
      for (int k = 1; k < line.length; k++) {
        if (line[k] == line[k - 1]) {
          throw error("feature index " + line[k] + " appears twice on this line");
        }
      }
    }

    /** Refuses a file whose largest index would make more columns than {@link LibSvmColumnLimit} allows. */
    void checkColumns(int maxColumns) {
      long columns = (long) maxIndex - (sawZero ? 0 : 1) + 1;
      LibSvmColumnLimit.check(file, maxIndexLine, maxIndex, columns, maxColumns, indices);
    }

    private static int skipBlanks(byte[] b, int i, int to) {
      while (i < to && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      return i;
    }

    private static int tokenEnd(byte[] b, int i, int to) {
      while (i < to && b[i] != ' ' && b[i] != '\t' && b[i] != '#') {
        i++;
      }
      return i;
    }

    private static boolean startsWith(byte[] b, int i, int to, String prefix) {
      if (to - i < prefix.length()) {
        return false;
      }
      for (int k = 0; k < prefix.length(); k++) {
        if (b[i + k] != prefix.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    /**
     * A value as strtod reads it (the strict decimal grammar, infinities, or {@code nan}), NaN when it is
     * not a number; a numeral too large for a double is an error, not infinity.
     */
    private double number(byte[] b, int from, int to) {
      double v = FastDoubleParser.parse(b, from, to);
      if (FastDoubleParser.overflows(v, b, from, to)) {
        throw error("the number " + StrayTokens.quote(b, from, to) + " is too large for a double (above "
            + Double.MAX_VALUE + ")");
      }
      return v;
    }

    private static String text(byte[] b, int from, int to) {
      int n = Math.min(to - from, 60);
      return new String(b, from, n, StandardCharsets.UTF_8) + (n < to - from ? "..." : "");
    }

    private InputException error(String what) {
      return new InputException(file + ": line " + lineNo + ": " + what + ".");
    }

    /**
     * The label as an Arrow column, and each feature as its entries ({@link FeatureColumn#sparse}): the entries
     * are turned from rows into columns by counting each index's, so memory follows the entries, not rows times
     * columns.
     */
    RawTable toRawTable(BufferAllocator allocator) {
      int base = sawZero ? 0 : 1;
      int featureCount = Math.max(0, maxIndex - base + 1);
      int[] perFeature = new int[featureCount + 1];
      int entries = indices.size();
      for (int k = 0; k < entries; k++) {
        perFeature[indices.getInt(k) - base + 1]++;
      }
      for (int f = 0; f < featureCount; f++) {
        perFeature[f + 1] += perFeature[f];
      }
      int[] rowOf = new int[entries];
      double[] valueOf = new double[entries];
      int[] next = Arrays.copyOf(perFeature, featureCount);
      for (int r = 0, k = 0; r < rows; r++) {
        for (int end = rowEnds.getInt(r); k < end; k++) {
          int at = next[indices.getInt(k) - base]++;
          rowOf[at] = r;
          valueOf[at] = values.getDouble(k);
        }
      }
      List<FeatureColumn> features = new ArrayList<>(featureCount);
      for (int f = 0; f < featureCount; f++) {
        features.add(FeatureColumn.sparse("f" + (f + base), rows, Arrays.copyOfRange(rowOf, perFeature[f],
            perFeature[f + 1]), Arrays.copyOfRange(valueOf, perFeature[f], perFeature[f + 1])));
      }
      Float8Vector label = new Float8Vector("label", allocator);
      try {
        label.allocateNew(rows);
        for (int r = 0; r < rows; r++) {
          setOrNull(label, r, labels.getDouble(r));
        }
        label.setValueCount(rows);
        VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(label));
        root.setRowCount(rows);
        int[] groups = hasQid ? groupSizes.toIntArray() : null;
        return new RawTable(root, new DictionaryProvider.MapDictionaryProvider(), groups, List.of(), features);
      } catch (RuntimeException | Error e) {
        label.close();
        throw e;
      }
    }

    private static void setOrNull(Float8Vector v, int row, double value) {
      if (Double.isNaN(value)) {
        v.setNull(row);
      } else {
        v.set(row, value);
      }
    }
  }

  /** Whether the token spells NaN (any case, optional sign), which the reader takes as a missing value. */
  private static boolean isNan(byte[] b, int from, int to) {
    int start = from < to && (b[from] == '-' || b[from] == '+') ? from + 1 : from;
    return to - start == 3 && (b[start] | 0x20) == 'n' && (b[start + 1] | 0x20) == 'a' && (b[start + 2] | 0x20) == 'n';
  }
}
