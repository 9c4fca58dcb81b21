package dev.boreal.collect;

/**
 * A map from {@code double} keys to {@code int} values, without boxing. Keys are equal when
 * {@link Double#equals} calls them equal: all NaNs are one key, while {@code -0.0} and {@code 0.0} are two
 * (callers that want one add {@code 0.0} to the key first).
 */
public final class DoubleIntMap {
  private final LongIntMap byBits;

  /** An empty map whose lookups of absent keys return {@code missing}. */
  public DoubleIntMap(int missing) {
    byBits = new LongIntMap(missing);
  }

  /** An empty map with room for {@code expected} entries before it grows. */
  public DoubleIntMap(int expected, int missing) {
    byBits = new LongIntMap(expected, missing);
  }

  /** The value of {@code key}, or the missing value when the map has none. */
  public int get(double key) {
    return byBits.get(Double.doubleToLongBits(key));
  }

  /** Whether the map has a value for {@code key}. */
  public boolean containsKey(double key) {
    return byBits.containsKey(Double.doubleToLongBits(key));
  }

  /** Sets the value of {@code key}, replacing any it had. */
  public void put(double key, int value) {
    byBits.put(Double.doubleToLongBits(key), value);
  }

  /** Sets the value of {@code key} unless it already has one. */
  public void putIfAbsent(double key, int value) {
    if (!containsKey(key)) {
      put(key, value);
    }
  }

  /** How many keys have a value. */
  public int size() {
    return byBits.size();
  }

  /** Whether no key has a value. */
  public boolean isEmpty() {
    return byBits.size() == 0;
  }
}
