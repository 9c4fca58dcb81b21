package dev.boreal.engine.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The edit distance behind "did you mean" and the cut-off that keeps far-fetched suggestions out. */
class SpellingTest {
  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, Spelling.editDistance("eta", "eta"));
    assertEquals(1, Spelling.editDistance("eta", "beta"));
    assertEquals(1, Spelling.editDistance("eta", "et"));
    assertEquals(1, Spelling.editDistance("eta", "eda"));
    assertEquals(3, Spelling.editDistance("", "abc"));
    assertEquals(3, Spelling.editDistance("kitten", "sitting"));
  }

  @Test
  void closestIgnoresCandidatesThatAreTooFar() {
    assertEquals("num_leaves", Spelling.closest("num_leafs", List.of("eta", "num_leaves")));
    assertNull(Spelling.closest("xyz", List.of("num_leaves", "learning_rate")));
  }
}
