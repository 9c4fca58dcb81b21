package dev.boreal.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each primitive collection against the JDK collection it stands in for, on random data. */
class PrimitiveCollectionsTest {
  private final SplittableRandom random = new SplittableRandom(7);

  @Test
  void intListGrowsAndPopsLikeAStack() {
    IntList list = new IntList(2);
    for (int i = 0; i < 100; i++) {
      list.add(i * 3);
    }
    list.set(5, -1);
    assertEquals(100, list.size());
    assertEquals(-1, list.getInt(5));
    assertEquals(297, list.popInt());
    assertEquals(294, list.popInt());
    assertEquals(98, list.toIntArray().length);
    assertEquals(6, list.toIntArray()[2]);
    assertThrows(IndexOutOfBoundsException.class, () -> list.getInt(98));
    list.clear();
    assertTrue(list.isEmpty());
    assertThrows(IllegalStateException.class, list::popInt);
  }

  @Test
  void doubleListKeepsValuesInOrder() {
    DoubleList list = new DoubleList();
    double[] expected = random.doubles(50).toArray();
    for (double v : expected) {
      list.add(v);
    }
    assertArrayEquals(expected, list.toDoubleArray());
    assertEquals(expected[49], list.getDouble(49));
    assertThrows(IndexOutOfBoundsException.class, () -> list.getDouble(50));
    list.addAll(new double[40]);
    list.set(89, 2.5);
    assertEquals(90, list.size());
    assertEquals(2.5, list.removeLast());
    assertEquals(0.0, list.removeLast());
    assertEquals(expected[3], list.toDoubleArray()[3]);
    assertEquals(88, list.toDoubleArray().length);
  }

  @Test
  void stableSortMatchesTheJdksStableSortOfBoxedIndices() {
    for (int n : new int[] {0, 1, 7, 16, 17, 100, 1000}) {
      double[] keys = random.ints(n, 0, 10).asDoubleStream().toArray(); // many ties
      int[] order = IntStream.range(0, n).toArray();
      IntSorts.stableSort(order, (a, b) -> Double.compare(keys[b], keys[a]));
      Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(boxed, Comparator.comparingDouble((Integer i) -> keys[i]).reversed());
      assertArrayEquals(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), order, "n = " + n);
    }
  }

  @Test
  void stableSortOfARangeLeavesTheRestAlone() {
    int[] a = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    IntSorts.stableSort(a, 2, 6, Integer::compare);
    assertArrayEquals(new int[] {9, 8, 4, 5, 6, 7, 3, 2, 1, 0}, a);
    assertThrows(IndexOutOfBoundsException.class, () -> IntSorts.stableSort(a, 4, 11, Integer::compare));
  }

  @Test
  void heapDequeuesInTheComparatorsOrder() {
    double[] gain = random.doubles(500).toArray();
    IntComparator byGain = (a, b) -> gain[a] != gain[b] ? Double.compare(gain[b], gain[a]) : Integer.compare(a, b);
    IntHeap heap = new IntHeap(4, byGain);
    PriorityQueue<Integer> reference = new PriorityQueue<>(byGain::compare);
    for (int i = 0; i < gain.length; i++) {
      heap.enqueue(i);
      reference.add(i);
      if (i % 3 == 0) {
        assertEquals((int) reference.poll(), heap.dequeueInt());
      }
    }
    while (!reference.isEmpty()) {
      assertEquals((int) reference.poll(), heap.dequeueInt());
    }
    assertTrue(heap.isEmpty());
    assertThrows(NoSuchElementException.class, heap::dequeueInt);
  }

  @Test
  void longIntMapAgreesWithAHashMapThroughGrowth() {
    LongIntMap map = new LongIntMap(-1);
    Map<Long, Integer> reference = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      long key = random.nextLong(3000) << 20; // collisions in the low bits, repeated keys
      map.put(key, i);
      reference.put(key, i);
    }
    assertEquals(reference.size(), map.size());
    reference.forEach((k, v) -> assertEquals((int) v, map.get(k)));
    assertEquals(-1, map.get(1L));
    assertFalse(map.containsKey(1L));
    map.clear();
    assertEquals(0, map.size());
    assertEquals(-1, map.get(reference.keySet().iterator().next()));
  }

  @Test
  void doubleIntMapKeysByValueWithOneNanAndTwoZeros() {
    DoubleIntMap map = new DoubleIntMap(2, -7);
    map.put(1.5, 1);
    map.put(Double.NaN, 2);
    map.put(0.0, 3);
    map.putIfAbsent(1.5, 99);
    assertEquals(1, map.get(1.5));
    assertEquals(2, map.get(0.0 / 0.0));
    assertEquals(3, map.get(0.0));
    assertEquals(-7, map.get(-0.0));
    assertEquals(3, map.get(-0.0 + 0.0));
    assertEquals(3, map.size());
  }
}
