package dev.boreal.collect;

import java.util.Arrays;

/** A growable array of {@code double}s. */
public final class DoubleList {
  private double[] values = new double[16];
  private int size;

  /** Appends {@code value}. */
  public void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  /** Appends every value of {@code more}, in order. */
  public void addAll(double[] more) {
    if (size + more.length > values.length) {
      values = Arrays.copyOf(values, Math.max(size + more.length, size * 2));
    }
    System.arraycopy(more, 0, values, size, more.length);
    size += more.length;
  }

  /**
   * Removes and returns the last value.
   *
   * @throws IllegalStateException when the list is empty
   */
  public double removeLast() {
    if (size == 0) {
      throw new IllegalStateException("remove from an empty list");
    }
    return values[--size];
  }

  /** The value at {@code index}. */
  public double getDouble(int index) {
    return values[checked(index)];
  }

  /** Replaces the value at {@code index}. */
  public void set(int index, double value) {
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

  /** A copy of the values, in order. */
  public double[] toDoubleArray() {
    return Arrays.copyOf(values, size);
  }

  private int checked(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of a list of " + size);
    }
    return index;
  }
}
