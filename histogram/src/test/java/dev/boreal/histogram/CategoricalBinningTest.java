package dev.boreal.histogram;

import static dev.boreal.histogram.ArrowColumns.codes;
import static dev.boreal.histogram.ArrowColumns.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Categorical features: frequent categories by count, and one shared bin for rare, unseen and missing. */
class CategoricalBinningTest {
  private static final String[] DICTIONARY = {"a", "b", "c", "d", "e"};

  /** Codes with counts a:300, b:500, c:150, d:2 (under min_data_in_bin), e:150, and 7 missing. */
  private static int[] trainingCodes() {
    int[] counts = {300, 500, 150, 2, 150};
    int[] codes = new int[1109];
    int r = 0;
    for (int code = 0; code < counts.length; code++) {
      for (int i = 0; i < counts[code]; i++) {
        codes[r++] = code;
      }
    }
    while (r < codes.length) {
      codes[r++] = FeatureColumn.MISSING_CODE;
    }
    return codes;
  }

  @Test
  void frequentCategoriesGetBinsByDecreasingCountTiesByCode() {
    int[] codes = trainingCodes();
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(List.of(arrow.categorical("k", codes, DICTIONARY)), null, params(255));
      BinMapper m = data.mapper(0);
      assertTrue(m.isCategorical());
      assertArrayEquals(new String[] {"b", "a", "c", "e"}, m.categories());
      assertEquals(5, m.numBins());
      int[] bins = codes(data, 0);
      for (int r = 0; r < codes.length; r++) {
        int code = codes[r];
        if (code == FeatureColumn.MISSING_CODE || code == 3) {
          assertEquals(m.missingBin(), bins[r], "row " + r);
        } else {
          assertEquals(DICTIONARY[code], m.categories()[bins[r]], "row " + r);
          assertEquals(bins[r], m.binOfCategory(DICTIONARY[code]));
        }
      }
    }
  }

  @Test
  void rareUnseenAndMissingShareTheLastBin() {
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinMapper m = BinnedData.fit(List.of(arrow.categorical("k", trainingCodes(), DICTIONARY)), null, params(255))
          .mapper(0);
      assertEquals(4, m.missingBin());
      assertEquals(4, m.binOfCategory("d"));
      assertEquals(4, m.binOfCategory("never seen"));
      assertEquals(4, m.binOfCategory(null));
      assertThrows(IllegalStateException.class, () -> m.binOf(1.0));
    }
  }

  @Test
  void maxBinLimitsTheFrequentCategories() {
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinMapper m = BinnedData.fit(List.of(arrow.categorical("k", trainingCodes(), DICTIONARY)), null, params(3))
          .mapper(0);
      assertArrayEquals(new String[] {"b", "a"}, m.categories());
      assertEquals(2, m.binOfCategory("c"));
    }
  }

  @Test
  void applyMatchesCategoriesByNameAcrossDictionaries() {
    String[] other = {"zz", "e", "b", "a"};
    int[] newCodes = {0, 1, 2, 3, FeatureColumn.MISSING_CODE};
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData train = BinnedData.fit(List.of(arrow.categorical("k", trainingCodes(), DICTIONARY)), null, params(255));
      BinnedData test = BinnedData.apply(train.mappers(), List.of(arrow.categorical("k", newCodes, other)), 1);
      assertArrayEquals(new int[] {4, 3, 0, 1, 4}, codes(test, 0));
    }
  }

  @Test
  void singleCategoryIsConstant() {
    try (ArrowColumns arrow = new ArrowColumns()) {
      BinnedData data = BinnedData.fit(List.of(
          arrow.categorical("one", new int[] {1, 1, 1}, DICTIONARY),
          arrow.categorical("rare", new int[] {0, 1, 2}, DICTIONARY)), null, params(255).withMinDataInBin(2));
      assertTrue(data.mapper(0).isConstant());
      assertTrue(data.mapper(1).isConstant(), "all categories too rare: every row in the shared bin");
      assertFalse(BinnedData.fit(List.of(arrow.categorical("two", new int[] {1, 1, 2}, DICTIONARY)), null,
          params(255).withMinDataInBin(1)).mapper(0).isConstant());
    }
  }

  @Test
  void storedNamesRebuildAnEqualMapper() {
    BinMapper m = BinMapper.ofCategorical(new String[] {"x", "y"}, false);
    assertEquals(m, BinMapper.ofCategorical(m.categories(), m.isConstant()));
    assertEquals(1, m.binOfCategory("y"));
    assertThrows(InputException.class, () -> BinMapper.ofCategorical(new String[] {"x", "x"}, false));
  }

  @Test
  void anUnknownBinSeparatesUnknownCategoriesFromMissingValues() {
    BinMapper shared = BinMapper.ofCategorical(new String[] {"x", "y"}, false);
    assertFalse(shared.hasUnknownBin());
    assertEquals(shared.missingBin(), shared.unknownBin());
    assertEquals(2, shared.binOfCategory("never seen"));
    assertEquals(2, shared.binOfCategory(""));
    BinMapper m = BinMapper.ofCategorical(new String[] {"x", "y", ""}, true, false);
    assertTrue(m.hasUnknownBin());
    assertEquals(5, m.numBins());
    assertEquals(3, m.unknownBin());
    assertEquals(4, m.missingBin());
    assertEquals(1, m.binOfCategory("y"));
    assertEquals(2, m.binOfCategory(""), "an empty name the mapper knows is that category");
    assertEquals(3, m.binOfCategory("never seen"));
    assertEquals(4, m.binOfCategory(null));
    BinMapper noEmpty = BinMapper.ofCategorical(new String[] {"x"}, true, false);
    assertEquals(noEmpty.missingBin(), noEmpty.binOfCategory(""), "an empty name is missing");
    assertNotEquals(shared, BinMapper.ofCategorical(shared.categories(), true, false));
    assertEquals(m, BinMapper.ofCategorical(m.categories(), m.hasUnknownBin(), m.isConstant()));
    assertFalse(m.zeroIsMissing());
    try (ArrowColumns arrow = new ArrowColumns()) {
      int[] codes = {0, 1, 2, FeatureColumn.MISSING_CODE};
      BinnedData data = BinnedData.apply(List.of(m),
          List.of(arrow.categorical("k", codes, new String[] {"y", "z", "x"})), 1);
      assertArrayEquals(new int[] {1, 3, 0, 4}, codes(data, 0));
    }
  }

  @Test
  void codesOutsideTheDictionaryAreReportedWithTheirRow() {
    try (ArrowColumns arrow = new ArrowColumns()) {
      List<FeatureColumn> columns = List.of(arrow.categorical("k", new int[] {0, 9}, DICTIONARY));
      InputException e = assertThrows(InputException.class, () -> BinnedData.fit(columns, null, params(255)));
      assertTrue(e.getMessage().contains("'k'") && e.getMessage().contains("row 1"), e.getMessage());
    }
  }
}
