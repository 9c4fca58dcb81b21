package dev.boreal.collect;

import java.util.Arrays;

/**
 * A map from {@code long} keys to {@code int} values by open addressing (linear probing), without boxing;
 * looking up a key that is absent returns the map's missing value. Not thread-safe for writes; reads of a
 * map no longer written are safe from any number of threads.
 */
public final class LongIntMap {
  private static final double MAX_LOAD = 0.5;

  private final int missing;
  private long[] keys;
  private int[] values;
  private boolean[] used;
  private int size;

  /** An empty map whose lookups of absent keys return {@code missing}. */
  public LongIntMap(int missing) {
    this(16, missing);
  }

  /** An empty map with room for {@code expected} entries before it grows. */
  public LongIntMap(int expected, int missing) {
    this.missing = missing;
    allocate(Integer.highestOneBit(Math.max(4, (int) (expected / MAX_LOAD)) - 1) << 1);
  }

  /** The value of {@code key}, or the missing value when the map has none. */
  public int get(long key) {
    int slot = slotOf(key);
    return used[slot] ? values[slot] : missing;
  }

  /** Whether the map has a value for {@code key}. */
  public boolean containsKey(long key) {
    return used[slotOf(key)];
  }

  /** Sets the value of {@code key}, replacing any it had. */
  public void put(long key, int value) {
    int slot = slotOf(key);
    if (!used[slot]) {
      used[slot] = true;
      keys[slot] = key;
      if (++size > MAX_LOAD * keys.length) {
        values[slot] = value;
        grow();
        return;
      }
    }
    values[slot] = value;
  }

  /** How many keys have a value. */
  public int size() {
    return size;
  }

  /** Removes every entry, keeping the storage. */
  public void clear() {
    Arrays.fill(used, false);
    size = 0;
  }

  /** The slot holding {@code key}, else the empty slot where it would go. */
  private int slotOf(long key) {
    int mask = keys.length - 1;
    int slot = mix(key) & mask;
    while (used[slot] && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    boolean[] oldUsed = used;
    allocate(oldKeys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldUsed[i]) {
        int slot = slotOf(oldKeys[i]);
        used[slot] = true;
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new int[capacity];
    used = new boolean[capacity];
  }

  /** MurmurHash3's 64-bit finaliser: spreads nearby keys (bit sets, doubles' bits) over the table. */
  private static int mix(long key) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
