package dev.boreal.io;

import dev.boreal.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The category bitsets of one LightGBM tree, checked as LightGBM writes them: {@code cat_boundaries} rise
 * from 0 to the length of {@code cat_threshold}, whose words are unsigned 32-bit numbers holding 32
 * categories each; a categorical split's threshold is the whole-number index of its bitset. Checked once, so
 * that no boundary or index read from a file can reach outside the words.
 */
final class LightGbmBitsets {
  private static final long MAX_WORD = 0xFFFF_FFFFL;

  private final long[] boundaries;
  private final long[] words;
  private final String where;

  /**
   * @param where how messages name the tree, e.g. {@code "m.txt: tree 3"}
   * @throws InputException if the boundaries do not rise from 0 to the number of words, or a word is not
   *     a 32-bit one
   */
  LightGbmBitsets(long[] boundaries, long[] words, String where) {
    this.boundaries = boundaries;
    this.words = words;
    this.where = where;
    boolean rises = boundaries.length == 0
        || (boundaries[0] == 0 && boundaries[boundaries.length - 1] == words.length);
    for (int i = 1; rises && i < boundaries.length; i++) {
      rises = boundaries[i] >= boundaries[i - 1];
    }
    if (!rises) {
      throw new InputException(where + " has cat_boundaries " + Arrays.toString(boundaries) + ", which must rise "
          + "from 0 to the " + words.length + " words of cat_threshold.");
    }
    for (int w = 0; w < words.length; w++) {
      if (words[w] < 0 || words[w] > MAX_WORD) {
        throw new InputException(where + " cat_threshold value " + (w + 1) + " is " + words[w]
            + ", not a 32-bit word of a category bitset.");
      }
    }
  }

  /**
   * The category values in the bitset that categorical split {@code node} names by its threshold.
   *
   * @throws InputException if the threshold is not the whole-number index of one of the tree's bitsets
   */
  int[] members(double threshold, int node) {
    int count = Math.max(0, boundaries.length - 1);
    if (!(threshold >= 0 && threshold < count && threshold == Math.rint(threshold))) {
      throw new InputException(where + " node " + node + " is a categorical split whose threshold " + threshold
          + " names no bitset; " + (count == 0 ? "the tree has none (num_cat=0)"
          : "it must be a whole number from 0 to " + (count - 1) + " (num_cat=" + count + ")") + ".");
    }
    int index = (int) threshold;
    List<Integer> members = new ArrayList<>();
    for (int w = (int) boundaries[index]; w < boundaries[index + 1]; w++) {
      int base = (w - (int) boundaries[index]) * 32;
      for (int bit = 0; bit < 32; bit++) {
        if ((words[w] & (1L << bit)) != 0) {
          members.add(base + bit);
        }
      }
    }
    return members.stream().mapToInt(Integer::intValue).toArray();
  }
}
