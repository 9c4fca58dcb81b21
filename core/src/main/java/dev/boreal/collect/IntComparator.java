package dev.boreal.collect;

/** Orders {@code int}s (usually indices into arrays the comparator reads) without boxing them. */
@FunctionalInterface
public interface IntComparator {
  /** Negative, zero or positive as {@code a} sorts before, with or after {@code b}. */
  int compare(int a, int b);
}
