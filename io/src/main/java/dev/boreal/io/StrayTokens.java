package dev.boreal.io;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.IntVector;

/**
 * Finds text columns that are numbers but for a few stray values: when at most {@value #HANDFUL} values,
 * or at most one in {@value #RATE} of the values present, are not numbers (and numbers are the majority),
 * a single {@code oops} or NUL byte has decided that the column is categorical, and a note says so.
 */
final class StrayTokens {
  /** So few values that they look like typos whatever the column's length. */
  static final int HANDFUL = 5;
  /** One stray value per this many values present (0.1 %) still looks like a typo. */
  static final int RATE = 1000;
  /** Most bytes of a value a message quotes. */
  private static final int QUOTED = 40;

  private StrayTokens() {}

  /**
   * The note for one text column, or {@code null} when its values are not mostly numbers.
   *
   * @param codes the column's dictionary codes, null where missing
   * @param dictionary the values the codes stand for
   */
  static ReadNote check(String file, String column, IntVector codes, TextDictionary dictionary) {
    boolean[] number = new boolean[dictionary.size()];
    int numbers = 0;
    for (int k = 0; k < number.length; k++) {
      double v = FastDoubleParser.parse(dictionary.bytes(), dictionary.start(k), dictionary.end(k));
      number[k] = v == v;
      numbers += number[k] ? 1 : 0;
    }
    if (numbers == 0) {
      // A column of words: no value is a number, so no row needs reading.
      return null;
    }
    int present = 0;
    int stray = 0;
    int firstRow = -1;
    for (int r = 0; r < codes.getValueCount(); r++) {
      if (codes.isNull(r)) {
        continue;
      }
      present++;
      if (!number[codes.get(r)]) {
        stray++;
        firstRow = firstRow < 0 ? r : firstRow;
      }
    }
    if (stray == 0 || stray > Math.max(HANDFUL, present / RATE) || stray >= present - stray) {
      return null;
    }
    int code = codes.get(firstRow);
    String token = quote(dictionary.bytes(), dictionary.start(code), dictionary.end(code));
    return new ReadNote(column, file + ": column '" + column + "' reads as categorical because " + stray + " of its "
        + present + " values " + (stray == 1 ? "is" : "are") + " not a number (the first, " + token + ", at row "
        + (firstRow + 1) + "); give --numeric " + column + " to read such values as missing, or --categorical "
        + column + " to keep it categorical.");
  }

  /** The value in single quotes, control characters escaped and long values cut short. */
  static String quote(byte[] bytes, int from, int to) {
    String text = new String(bytes, from, Math.min(to - from, QUOTED), StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('\'');
    if (to - from > QUOTED) {
      b.append("... (").append(to - from).append(" bytes)");
    }
    return b.toString();
  }
}
