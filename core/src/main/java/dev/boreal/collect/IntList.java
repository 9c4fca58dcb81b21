package dev.boreal.collect;

import java.util.Arrays;

/** A growable array of {@code int}s, also used as a stack ({@link #push}, {@link #popInt}). */
public final class IntList {
  private int[] values;
  private int size;

  /** An empty list. */
  public IntList() {
    this(16);
  }

  /** An empty list with room for {@code capacity} values before it grows. */
  public IntList(int capacity) {
    values = new int[Math.max(capacity, 1)];
  }

  /** Appends {@code value}. */
  public void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  /** Appends {@code value}: the same as {@link #add}, named for use as a stack. */
  public void push(int value) {
    add(value);
  }

  /**
   * Removes and returns the last value.
   *
   * @throws IllegalStateException when the list is empty
   */
  public int popInt() {
    if (size == 0) {
      throw new IllegalStateException("pop from an empty list");
    }
    return values[--size];
  }

  /** The value at {@code index}. */
  public int getInt(int index) {
    return values[checked(index)];
  }

  /** Replaces the value at {@code index}. */
  public void set(int index, int value) {
    values[checked(index)] = value;
  }

  /** How many values the list holds. */
  public int size() {
    return size;
  }

  /** Whether the list holds no value. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Removes every value, keeping the storage. */
  public void clear() {
    size = 0;
  }

  /** A copy of the values, in order. */
  public int[] toIntArray() {
    return Arrays.copyOf(values, size);
  }

  private int checked(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of a list of " + size);
    }
    return index;
  }
}
