package dev.boreal.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;

/**
 * The distinct text values of one categorical column, as UTF-8 byte strings numbered 0, 1, 2, ... in
 * order of first appearance, and the {@code VarCharVector} dictionary they become.
 *
 * <p>Keys live in one growing byte array and an open-addressing table of codes, so looking up a value
 * seen before allocates nothing. The CSV reader builds one per text column and block and merges them in
 * file order, which keeps first-appearance order whatever the thread count; the Parquet/Arrow reader
 * uses one per string column.
 */
final class TextDictionary {
  private byte[] bytes = new byte[256];
  private int byteCount;
  private int[] offsets = new int[17];
  private int[] hashes = new int[16];
  private int size;
  /** code + 1 of the key in each slot, 0 for an empty slot; the length is a power of two. */
  private int[] slots = new int[32];

  /** Number of distinct values. */
  int size() {
    return size;
  }

  /** Total bytes of all values. */
  int byteCount() {
    return byteCount;
  }

  /** The array holding every value; value {@code code} is {@code [start(code), end(code))}. */
  byte[] bytes() {
    return bytes;
  }

  int start(int code) {
    return offsets[code];
  }

  int end(int code) {
    return offsets[code + 1];
  }

  /** The code of {@code src[from, to)}, adding it as the next code when it is new. */
  int add(byte[] src, int from, int to) {
    int hash = hash(src, from, to);
    int mask = slots.length - 1;
    for (int s = hash & mask; ; s = (s + 1) & mask) {
      int entry = slots[s];
      if (entry == 0) {
        return insert(src, from, to, hash, s);
      }
      int code = entry - 1;
      if (hashes[code] == hash
          && Arrays.equals(bytes, offsets[code], offsets[code + 1], src, from, to)) {
        return code;
      }
    }
  }

  private int insert(byte[] src, int from, int to, int hash, int slot) {
    int length = to - from;
    if (byteCount + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, byteCount + length));
    }
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      offsets = Arrays.copyOf(offsets, size * 2 + 1);
    }
    System.arraycopy(src, from, bytes, byteCount, length);
    byteCount += length;
    int code = size++;
    hashes[code] = hash;
    offsets[code + 1] = byteCount;
    slots[slot] = code + 1;
    if (size * 2 > slots.length) {
      rehash();
    }
    return code;
  }

  private void rehash() {
    int[] grown = new int[slots.length * 2];
    int mask = grown.length - 1;
    for (int code = 0; code < size; code++) {
      int s = hashes[code] & mask;
      while (grown[s] != 0) {
        s = (s + 1) & mask;
      }
      grown[s] = code + 1;
    }
    slots = grown;
  }

  /** The code of {@code text}, adding it when new. */
  int add(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return add(b, 0, b.length);
  }

  /** The dictionary vector: entry {@code i} is the value of code {@code i}. The caller owns it. */
  VarCharVector toVector(String name, BufferAllocator allocator) {
    VarCharVector words = new VarCharVector(name, allocator);
    try {
      words.allocateNew(Math.max(1, byteCount), Math.max(1, size));
      for (int k = 0; k < size; k++) {
        words.set(k, bytes, offsets[k], offsets[k + 1] - offsets[k]);
      }
      words.setValueCount(size);
      return words;
    } catch (RuntimeException | Error e) {
      words.close();
      throw e;
    }
  }

  /**
   * The text that names a number as a category: integral values without a fractional part
   * ({@code 3.0} is {@code "3"}), others as Java prints the shortest exact double.
   */
  static String numberText(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static int hash(byte[] src, int from, int to) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + src[i];
    }
    // Spread the bits so that the low bits, which pick the slot, depend on every byte.
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** Whether {@code b[from, to)} is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF). */
  static boolean isUtf8(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int trailing;
      int low = 0x80;
      int high = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        trailing = 1;
      } else if (c >= 0xe0 && c <= 0xef) {
        trailing = 2;
        low = c == 0xe0 ? 0xa0 : 0x80;
        high = c == 0xed ? 0x9f : 0xbf;
      } else if (c >= 0xf0 && c <= 0xf4) {
        trailing = 3;
        low = c == 0xf0 ? 0x90 : 0x80;
        high = c == 0xf4 ? 0x8f : 0xbf;
      } else {
        return false;
      }
      if (i + trailing >= to) {
        return false;
      }
      int second = b[i + 1] & 0xff;
      if (second < low || second > high) {
        return false;
      }
      for (int k = 2; k <= trailing; k++) {
        int next = b[i + k] & 0xff;
        if (next < 0x80 || next > 0xbf) {
          return false;
        }
      }
      i += trailing + 1;
    }
    return true;
  }
}
