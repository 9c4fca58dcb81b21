package dev.boreal.io;

import dev.boreal.io.CsvTokenizer.Failure;
import java.util.Arrays;

/**
 * Parses one block of complete records into primitive per-column arrays: doubles for columns read as
 * numbers (NaN where missing), dictionary codes for columns read as text (-1 where missing).
 *
 * <p>Each column is parsed in a mode chosen by the caller. A numeric column that meets a token which is
 * neither a number nor a missing marker is parsed again as text over the whole block, so the block
 * reports the original text of every cell of that column. Errors are kept, not thrown, with their byte
 * position, so the caller can report the earliest one whichever pass found it.
 */
final class CsvBlockParser {
  static final byte NUMERIC = 0;
  static final byte TEXT = 1;
  static final byte SKIP = 2;
  /** Numbers, where a token that is not a number reads as missing ({@code --numeric}). */
  static final byte NUMBERS_OR_MISSING = 3;

  private CsvBlockParser() {}

  /** What one block of records became; arrays are indexed {@code [column][row in block]}. */
  static final class Block {
    /** Where the block's bytes start in the file, and how many there are, for parsing them again. */
    final long fileOffset;
    final int length;
    final double[][] values;
    final int[][] codes;
    final TextDictionary[] dictionaries;
    int rows;
    int lines;
    /** The earliest malformed spot, or {@code null}. */
    Failure failure;

    Block(long fileOffset, int length, int columns) {
      this.fileOffset = fileOffset;
      this.length = length;
      this.values = new double[columns][];
      this.codes = new int[columns][];
      this.dictionaries = new TextDictionary[columns];
    }

    boolean isText(int column) {
      return codes[column] != null;
    }
  }

  /**
   * Parses {@code buf[from, to)}, which starts a record and ends at a record boundary or the end of the
   * file, with one of {@link #NUMERIC}, {@link #TEXT} or {@link #SKIP} per column.
   */
  static Block parse(byte[] buf, int from, int to, long fileOffset, byte delimiter, byte[] modes) {
    int columns = modes.length;
    Block block = new Block(fileOffset, to - from, columns);
    byte[] current = modes.clone();
    boolean[] becameText = new boolean[columns];
    Failure failure = pass(block, buf, from, to, delimiter, current, becameText);
    byte[] again = new byte[columns];
    Arrays.fill(again, SKIP);
    boolean any = false;
    for (int c = 0; c < columns; c++) {
      if (becameText[c]) {
        again[c] = TEXT;
        block.values[c] = null;
        any = true;
      }
    }
    if (any) {
      Block text = new Block(fileOffset, to - from, columns);
      Failure second = pass(text, buf, from, to, delimiter, again, null);
      for (int c = 0; c < columns; c++) {
        if (becameText[c]) {
          block.codes[c] = text.codes[c];
          block.dictionaries[c] = text.dictionaries[c];
        }
      }
      if (second != null && (failure == null || second.position < failure.position)) {
        failure = second;
      }
    }
    block.failure = failure;
    return block;
  }

  /**
   * One pass over the records. A numeric column that turns out to hold text is marked in
   * {@code becameText} and skipped from then on.
   */
  private static Failure pass(Block block, byte[] buf, int from, int to, byte delimiter, byte[] modes,
      boolean[] becameText) {
    int columns = modes.length;
    int capacity = countNewlines(buf, from, to) + 1;
    for (int c = 0; c < columns; c++) {
      if (modes[c] == NUMERIC || modes[c] == NUMBERS_OR_MISSING) {
        block.values[c] = new double[capacity];
      } else if (modes[c] == TEXT) {
        block.codes[c] = new int[capacity];
        block.dictionaries[c] = new TextDictionary();
      }
    }
    double[][] values = block.values;
    int[][] codes = block.codes;
    CsvTokenizer t = new CsvTokenizer(buf, from, to, delimiter);
    int row = 0;
    try {
      while (!t.atEnd()) {
        if (t.skipBlankLine()) {
          continue;
        }
        int recordLine = t.lines();
        boolean more;
        do {
          int c = t.nextColumn();
          if (c < columns && (modes[c] == NUMERIC || modes[c] == NUMBERS_OR_MISSING)) {
            double v = t.nextPlainNumber();
            if (v == v) {
              values[c][row] = v;
              more = t.more;
              continue;
            }
          }
          more = t.next();
          if (c >= columns) {
            continue;
          }
          byte mode = modes[c];
          if (mode == NUMERIC || mode == NUMBERS_OR_MISSING) {
            double v = number(t);
            if (v != v && mode == NUMERIC && !isMissing(t.fieldBytes, t.fieldStart, t.fieldEnd)) {
              becameText[c] = true;
              modes[c] = SKIP;
            }
            values[c][row] = v;
          } else if (mode == TEXT) {
            codes[c][row] = code(t, block.dictionaries[c]);
          }
        } while (more);
        int found = t.fieldColumn + 1;
        if (found != columns) {
          throw new Failure(t.position(), recordLine, -1,
              "expected " + columns + " fields but found " + found);
        }
        row++;
      }
      return null;
    } catch (Failure f) {
      return f;
    } finally {
      block.rows = row;
      block.lines = t.lines();
    }
  }

  /** The field as a number, NaN when it is not one; a numeral too large for a double is an error. */
  private static double number(CsvTokenizer t) {
    double v = FastDoubleParser.parse(t.fieldBytes, t.fieldStart, t.fieldEnd);
    if (FastDoubleParser.overflows(v, t.fieldBytes, t.fieldStart, t.fieldEnd)) {
      throw new Failure(t.fieldPosition, t.fieldLine, t.fieldColumn, "the number "
          + StrayTokens.quote(t.fieldBytes, t.fieldStart, t.fieldEnd) + " is too large for a double (above "
          + Double.MAX_VALUE + ")");
    }
    return v;
  }

  private static int code(CsvTokenizer t, TextDictionary dictionary) {
    byte[] b = t.fieldBytes;
    int s = t.fieldStart;
    int e = t.fieldEnd;
    if (isMissing(b, s, e)) {
      return -1;
    }
    int known = dictionary.size();
    int code = dictionary.add(b, s, e);
    if (code == known && !TextDictionary.isUtf8(b, s, e)) {
      throw new Failure(t.fieldPosition, t.fieldLine, t.fieldColumn, "the bytes are not valid UTF-8");
    }
    return code;
  }

  /** Whether a token is one of the missing-value markers: empty, NA, NaN, nan, null, NULL, ?, N/A. */
  static boolean isMissing(byte[] b, int s, int e) {
    switch (e - s) {
      case 0:
        return true;
      case 1:
        return b[s] == '?';
      case 2:
        return b[s] == 'N' && b[s + 1] == 'A';
      case 3:
        return (b[s] == 'N' && b[s + 1] == 'a' && b[s + 2] == 'N')
            || (b[s] == 'n' && b[s + 1] == 'a' && b[s + 2] == 'n')
            || (b[s] == 'N' && b[s + 1] == '/' && b[s + 2] == 'A');
      case 4:
        return (b[s] == 'n' && b[s + 1] == 'u' && b[s + 2] == 'l' && b[s + 3] == 'l')
            || (b[s] == 'N' && b[s + 1] == 'U' && b[s + 2] == 'L' && b[s + 3] == 'L');
      default:
        return false;
    }
  }

  private static int countNewlines(byte[] b, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }
}
