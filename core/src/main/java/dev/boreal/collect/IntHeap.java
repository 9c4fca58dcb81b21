package dev.boreal.collect;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A priority queue of {@code int}s (a binary min-heap): {@link #dequeueInt} returns the value the
 * comparator sorts first. Values the comparator calls equal come out in no promised order, so callers that
 * need a reproducible order break every tie in the comparator.
 */
public final class IntHeap {
  private final IntComparator order;
  private int[] heap;
  private int size;

  /** An empty heap ordered by {@code order}. */
  public IntHeap(IntComparator order) {
    this(16, order);
  }

  /** An empty heap ordered by {@code order}, with room for {@code capacity} values before it grows. */
  public IntHeap(int capacity, IntComparator order) {
    this.order = order;
    this.heap = new int[Math.max(capacity, 1)];
  }

  /** Adds {@code value}. */
  public void enqueue(int value) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (order.compare(value, heap[parent]) >= 0) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = value;
  }

  /**
   * Removes and returns the first value in the comparator's order.
   *
   * @throws NoSuchElementException when the heap is empty
   */
  public int dequeueInt() {
    if (size == 0) {
      throw new NoSuchElementException("dequeue from an empty heap");
    }
    int first = heap[0];
    int last = heap[--size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && order.compare(heap[child + 1], heap[child]) < 0) {
        child++;
      }
      if (order.compare(last, heap[child]) <= 0) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    if (size > 0) {
      heap[i] = last;
    }
    return first;
  }

  /** How many values are queued. */
  public int size() {
    return size;
  }

  /** Whether no value is queued. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Removes every value. */
  public void clear() {
    size = 0;
  }
}
