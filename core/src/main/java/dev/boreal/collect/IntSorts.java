package dev.boreal.collect;

/**
 * Stable sorts of {@code int} arrays by an {@link IntComparator}, typically a permutation of row indices
 * ordered by the values they point at (an indirect sort). Stable: indices the comparator calls equal keep
 * their order, so results do not depend on the sort's internals.
 */
public final class IntSorts {
  /** Runs this short are sorted by insertion; longer ones are merged. */
  private static final int INSERTION_LIMIT = 16;

  private IntSorts() {}

  /** Sorts all of {@code a} stably by {@code order}. */
  public static void stableSort(int[] a, IntComparator order) {
    stableSort(a, 0, a.length, order);
  }

  /** Sorts {@code a[from, to)} stably by {@code order}. */
  public static void stableSort(int[] a, int from, int to, IntComparator order) {
    if (from < 0 || to > a.length || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of an array of " + a.length);
    }
    if (to - from <= INSERTION_LIMIT) {
      insertionSort(a, from, to, order);
      return;
    }
    int[] scratch = a.clone();
    mergeSort(scratch, a, from, to, order);
  }

  /** Sorts {@code dst[from, to)}, using {@code src} (holding the same values there) as scratch. */
  private static void mergeSort(int[] src, int[] dst, int from, int to, IntComparator order) {
    if (to - from <= INSERTION_LIMIT) {
      insertionSort(dst, from, to, order);
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dst, src, from, mid, order);
    mergeSort(dst, src, mid, to, order);
    if (order.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, from, dst, from, to - from);
      return;
    }
    for (int i = from, p = from, q = mid; i < to; i++) {
      if (q >= to || p < mid && order.compare(src[p], src[q]) <= 0) {
        dst[i] = src[p++];
      } else {
        dst[i] = src[q++];
      }
    }
  }

  private static void insertionSort(int[] a, int from, int to, IntComparator order) {
    for (int i = from + 1; i < to; i++) {
      int v = a[i];
      int j = i - 1;
      while (j >= from && order.compare(v, a[j]) < 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
}
