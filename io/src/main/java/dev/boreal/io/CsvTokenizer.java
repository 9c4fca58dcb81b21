package dev.boreal.io;

import java.util.Arrays;

/**
 * Splits a byte range of delimited text into fields, following RFC 4180: a field that starts with a
 * quote runs to the matching quote and may hold delimiters, newlines and doubled quotes; lines end in
 * LF or CRLF; unquoted fields lose their surrounding spaces. A quote inside an unquoted field is an
 * ordinary character (as in {@code 5'11"}).
 *
 * <p>{@link #lastRecordEnd} applies the same rules to find where a block of bytes may be cut, so the
 * cut never falls inside a quoted field.
 */
final class CsvTokenizer {
  /** States of {@link #lastRecordEnd}'s scan. */
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int IN_QUOTES = 2;
  private static final int AFTER_QUOTE = 3;

  private final byte[] buf;
  private final int end;
  private final byte delimiter;
  private int pos;
  private int line;
  private int column;
  private byte[] scratch = new byte[64];

  /** Where the current field's bytes live: {@code buf} itself, or a scratch copy with quotes undoubled. */
  byte[] fieldBytes;
  int fieldStart;
  int fieldEnd;
  /** Offset of the current field's first byte in {@code buf}, used to order errors by position. */
  int fieldPosition;
  /** 0-based count of newlines before the current field, within the range. */
  int fieldLine;
  /** 0-based index of the current field within its record. */
  int fieldColumn;
  /** Set by {@link #nextPlainNumber}: whether a delimiter followed the number. */
  boolean more;

  CsvTokenizer(byte[] buf, int from, int to, byte delimiter) {
    this.buf = buf;
    this.pos = from;
    this.end = to;
    this.delimiter = delimiter;
  }

  /**
   * Malformed text. Positions and lines are relative to the tokenized range; {@code column} is the
   * 0-based field index, or -1 when the error concerns the whole record. It carries no stack trace, as
   * it becomes an {@link dev.boreal.InputException} message.
   */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int position;
    final int line;
    final int column;

    Failure(int position, int line, int column, String detail) {
      super(detail, null, false, false);
      this.position = position;
      this.line = line;
      this.column = column;
    }
  }

  boolean atEnd() {
    return pos >= end;
  }

  int position() {
    return pos;
  }

  /** The 0-based index, within its record, of the field that starts at the current position. */
  int nextColumn() {
    return column;
  }

  /** Newlines consumed so far. */
  int lines() {
    return line;
  }

  /** Consumes an empty line ({@code \n} or {@code \r\n}) if one starts here. */
  boolean skipBlankLine() {
    int p = pos;
    if (p < end && buf[p] == '\r') {
      p++;
    }
    if (p < end && buf[p] == '\n') {
      pos = p + 1;
      line++;
      return true;
    }
    if (p == end && p > pos) {
      pos = p;
      return true;
    }
    return false;
  }

  /**
   * Reads the next field of the current record.
   *
   * @return {@code true} when a delimiter follows (the record has more fields), {@code false} at the
   *     end of the record, whose line end has then been consumed
   * @throws Failure for an unterminated quote or text after a closing quote
   */
  boolean next() {
    int p = pos;
    fieldLine = line;
    fieldPosition = p;
    fieldColumn = column;
    if (p < end && buf[p] == '"') {
      return quoted(p + 1);
    }
    int s = p;
    byte d = delimiter;
    while (p < end) {
      byte c = buf[p];
      if (c == d || c == '\n') {
        break;
      }
      p++;
    }
    int e = p;
    if (e > s && buf[e - 1] == '\r' && (p == end || buf[p] == '\n')) {
      e--;
    }
    while (s < e && buf[s] == ' ') {
      s++;
    }
    while (e > s && buf[e - 1] == ' ') {
      e--;
    }
    fieldBytes = buf;
    fieldStart = s;
    fieldEnd = e;
    return terminate(p);
  }

  /**
   * The fast path for the commonest cell, an unquoted {@code [-]digits[.digits]} of at most 15 digits
   * right before a delimiter or LF: parses it while scanning, with one exact division (see
   * {@link FastDoubleParser}). Returns {@code NaN} and consumes nothing for any other field, which then
   * goes through {@link #next}.
   */
  double nextPlainNumber() {
    byte[] b = buf;
    int p = pos;
    int e = end;
    boolean negative = p < e && b[p] == '-';
    if (negative) {
      p++;
    }
    long mantissa = 0;
    int first = p;
    int d;
    while (p < e && (d = b[p] - '0') >= 0 && d <= 9) {
      mantissa = mantissa * 10 + d;
      p++;
    }
    int digits = p - first;
    int scale = 0;
    if (p < e && b[p] == '.') {
      p++;
      int fraction = p;
      while (p < e && (d = b[p] - '0') >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        p++;
      }
      scale = p - fraction;
    }
    digits += scale;
    if (digits == 0 || digits > 15 || (p < e && b[p] != delimiter && b[p] != '\n')) {
      return Double.NaN;
    }
    fieldLine = line;
    fieldColumn = column;
    if (p < e && b[p] == delimiter) {
      more = true;
      column++;
    } else {
      more = false;
      column = 0;
      line += p < e ? 1 : 0;
    }
    pos = Math.min(p + 1, e);
    double v = scale == 0 ? mantissa : mantissa / FastDoubleParser.POWERS_OF_TEN[scale];
    return negative ? -v : v;
  }

  private boolean quoted(int start) {
    int openLine = line;
    int p = start;
    boolean doubled = false;
    for (;;) {
      if (p >= end) {
        throw new Failure(end, openLine, column, "a quoted field opens here and is never closed");
      }
      byte c = buf[p];
      if (c == '"') {
        if (p + 1 < end && buf[p + 1] == '"') {
          doubled = true;
          p += 2;
          continue;
        }
        break;
      }
      if (c == '\n') {
        line++;
      }
      p++;
    }
    if (doubled) {
      undouble(start, p);
    } else {
      fieldBytes = buf;
      fieldStart = start;
      fieldEnd = p;
    }
    p++;
    while (p < end && buf[p] == ' ') {
      p++;
    }
    return terminate(p);
  }

  private void undouble(int from, int to) {
    if (scratch.length < to - from) {
      scratch = Arrays.copyOf(scratch, Math.max(to - from, scratch.length * 2));
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      scratch[n++] = buf[i];
      if (buf[i] == '"') {
        i++;
      }
    }
    fieldBytes = scratch;
    fieldStart = 0;
    fieldEnd = n;
  }

  private boolean terminate(int p) {
    if (p >= end) {
      pos = end;
      column = 0;
      return false;
    }
    if (buf[p] == delimiter) {
      pos = p + 1;
      column++;
      return true;
    }
    if (buf[p] == '\r') {
      if (p + 1 == end) {
        pos = end;
        column = 0;
        return false;
      }
      p++;
    }
    if (buf[p] == '\n') {
      pos = p + 1;
      line++;
      column = 0;
      return false;
    }
    throw new Failure(p, line, column, "unexpected text after a closing quote");
  }

  /**
   * The offset just past the last line end in {@code b[from, to)} that is outside quotes, given that
   * {@code from} starts a record; -1 when there is none.
   */
  static int lastRecordEnd(byte[] b, int from, int to, byte delimiter) {
    boolean anyQuote = false;
    for (int i = from; i < to; i++) {
      if (b[i] == '"') {
        anyQuote = true;
        break;
      }
    }
    if (!anyQuote) {
      for (int i = to - 1; i >= from; i--) {
        if (b[i] == '\n') {
          return i + 1;
        }
      }
      return -1;
    }
    int state = FIELD_START;
    int last = -1;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (state == IN_QUOTES) {
        state = c == '"' ? AFTER_QUOTE : IN_QUOTES;
      } else if (c == delimiter) {
        state = FIELD_START;
      } else if (c == '\n') {
        state = FIELD_START;
        last = i + 1;
      } else if (c == '"' && state != UNQUOTED) {
        // A quote opens a field at its start, and right after a closing quote it is a doubled quote.
        state = IN_QUOTES;
      } else {
        state = UNQUOTED;
      }
    }
    return last;
  }
}
