package dev.boreal.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;

/**
 * Assigns category codes 0, 1, 2, ... to distinct text values in order of first appearance, and turns
 * the result into the {@code VarCharVector} dictionary of a categorical column.
 *
 * <p>Values arrive as UTF-8 byte ranges and are kept in one byte pool behind an open-addressing table,
 * so that looking up a value that was seen before allocates nothing.
 */
final class CategoryDictionary {
  private byte[] pool = new byte[1024];
  private int poolSize;
  private int[] starts = new int[16];
  private int[] lengths = new int[16];
  private int[] hashes = new int[16];
  private int count;
  /** Code + 1 per slot, 0 for an empty slot; the length is a power of two kept at most half full. */
  private int[] table = new int[32];

  /** The number of distinct values seen. */
  int size() {
    return count;
  }

  /** The code of the UTF-8 value {@code b[off, off+len)}, adding it when new. */
  int codeOf(byte[] b, int off, int len) {
    int h = hash(b, off, len);
    int mask = table.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int entry = table[slot];
      if (entry == 0) {
        return add(b, off, len, h, slot);
      }
      int code = entry - 1;
      if (hashes[code] == h && lengths[code] == len
          && Arrays.equals(pool, starts[code], starts[code] + len, b, off, off + len)) {
        return code;
      }
    }
  }

  /** The code of {@code text}, adding it when new. */
  int codeOf(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return codeOf(b, 0, b.length);
  }

  /** The dictionary vector: entry {@code i} is the value of code {@code i}. The caller owns it. */
  VarCharVector toVector(String name, BufferAllocator allocator) {
    VarCharVector v = new VarCharVector(name, allocator);
    try {
      v.allocateNew(Math.max(poolSize, 1), Math.max(count, 1));
      for (int c = 0; c < count; c++) {
        v.setSafe(c, pool, starts[c], lengths[c]);
      }
      v.setValueCount(count);
      return v;
    } catch (RuntimeException e) {
      v.close();
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

  private int add(byte[] b, int off, int len, int h, int slot) {
    if (count == starts.length) {
      int n = count * 2;
      starts = Arrays.copyOf(starts, n);
      lengths = Arrays.copyOf(lengths, n);
      hashes = Arrays.copyOf(hashes, n);
    }
    if (poolSize + len > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(poolSize + len, pool.length * 2));
    }
    System.arraycopy(b, off, pool, poolSize, len);
    int code = count++;
    starts[code] = poolSize;
    lengths[code] = len;
    hashes[code] = h;
    poolSize += len;
    table[slot] = code + 1;
    if (count * 2 > table.length) {
      rehash();
    }
    return code;
  }

  private void rehash() {
    table = new int[table.length * 2];
    int mask = table.length - 1;
    for (int code = 0; code < count; code++) {
      int slot = hashes[code] & mask;
      while (table[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot] = code + 1;
    }
  }

  private static int hash(byte[] b, int off, int len) {
    int h = 1;
    for (int i = off; i < off + len; i++) {
      h = 31 * h + b[i];
    }
    // Spread the bits so that the low bits, which pick the slot, depend on every byte.
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
