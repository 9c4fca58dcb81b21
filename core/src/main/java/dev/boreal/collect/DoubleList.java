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

  /** The value at {@code index}. */
  public double getDouble(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of a list of " + size);
    }
    return values[index];
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
}
