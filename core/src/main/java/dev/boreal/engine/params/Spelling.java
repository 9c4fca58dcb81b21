package dev.boreal.engine.params;

import java.util.Collection;

/**
 * Suggestions for mistyped words: the known name or value nearest to what a user wrote, by edit distance,
 * so that "Unknown parameter 'num_leafs'" can add "did you mean 'num_leaves'?".
 */
final class Spelling {
  private Spelling() {}

  /**
   * The candidate nearest to {@code word} by edit distance, or {@code null} when none is close enough to
   * be a plausible typo (more than a third of the word, and more than two edits, away). Ties go to the
   * candidate met first, so suggestions are stable.
   */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(2, word.length() / 3) + 1;
    for (String c : candidates) {
      int d = editDistance(word, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance with two rolling rows. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
