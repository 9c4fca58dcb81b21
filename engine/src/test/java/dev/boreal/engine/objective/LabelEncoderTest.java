package dev.boreal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.InputException;
import org.junit.jupiter.api.Test;

/** Label encoding follows scikit-learn's sorted classes, round-trips, and reports unusable labels. */
class LabelEncoderTest {

  @Test
  void binaryStringsSortAndLaterIsPositive() {
    LabelEncoder e = LabelEncoder.fit("binary", 0, new String[] {"yes", "no", "yes"});
    assertArrayEquals(new double[] {1, 0, 1}, e.encode(new String[] {"yes", "no", "yes"}), 0.0);
    assertEquals("yes", e.className(1));
    LabelEncoder back = LabelEncoder.restore(e.classNames(), e.numericClasses());
    assertArrayEquals(new double[] {0, 1}, back.encode(new String[] {"no", "yes"}), 0.0);
  }

  @Test
  void binaryNumbersLargerIsPositiveAndZeroOneIsIdentity() {
    LabelEncoder e = LabelEncoder.fit("binary", 0, new double[] {-1, 1, 1, -1});
    assertArrayEquals(new double[] {0, 1, 1, 0}, e.encode(new double[] {-1, 1, 1, -1}), 0.0);
    assertArrayEquals(new String[] {"-1", "1"}, e.classNames());
    LabelEncoder zeroOne = LabelEncoder.fit("binary", 0, new double[] {1, 1, 1});
    assertArrayEquals(new String[] {"0", "1"}, zeroOne.classNames());
    assertArrayEquals(new double[] {1, 0}, zeroOne.encode(new double[] {1, 0}), 0.0);
    LabelEncoder back = LabelEncoder.restore(e.classNames(), true);
    assertArrayEquals(new double[] {1, 0}, back.encode(new String[] {"1.0", "-1"}), 0.0);
  }

  @Test
  void binaryWithThreeClassesSaysHowMany() {
    InputException ex = assertThrows(InputException.class,
        () -> LabelEncoder.fit("binary", 0, new double[] {0, 1, 2, 1}));
    assertTrue(ex.getMessage().contains("3 distinct"), ex.getMessage());
    assertThrows(InputException.class, () -> LabelEncoder.fit("binary", 0, new String[] {"a", "b", "c"}));
    assertThrows(InputException.class, () -> LabelEncoder.fit("binary", 0, new double[] {5, 5}));
  }

  @Test
  void multiclassIntegersAreIdentityEvenWithAbsentClass() {
    LabelEncoder e = LabelEncoder.fit("multiclass", 4, new double[] {0, 3, 1});
    assertEquals(4, e.numClasses());
    assertArrayEquals(new double[] {3, 0, 1}, e.encode(new double[] {3, 0, 1}), 0.0);
    assertThrows(InputException.class, () -> LabelEncoder.fit("multiclass", 3, new double[] {0, 3}));
  }

  @Test
  void multiclassArbitraryValuesAndStringsSort() {
    LabelEncoder e = LabelEncoder.fit("multiclass", 0, new double[] {2.5, -1, 7, 2.5});
    assertArrayEquals(new String[] {"-1", "2.5", "7"}, e.classNames());
    assertArrayEquals(new double[] {1, 0, 2}, e.encode(new double[] {2.5, -1, 7}), 0.0);
    LabelEncoder s = LabelEncoder.fit("multiclass", 3, new String[] {"cat", "ant", "bee", "cat"});
    assertArrayEquals(new double[] {2, 0, 1}, s.encode(new String[] {"cat", "ant", "bee"}), 0.0);
    assertThrows(InputException.class, () -> LabelEncoder.fit("multiclass", 2, new String[] {"a", "b", "c"}));
    InputException unknown = assertThrows(InputException.class, () -> s.encode(new String[] {"ant", "dog"}));
    assertTrue(unknown.getMessage().contains("row 1"), unknown.getMessage());
  }

  @Test
  void regressionPassesNumbersThrough() {
    LabelEncoder e = LabelEncoder.fit("regression", 0, new double[] {1.5, -2});
    assertFalse(e.isClassifier());
    assertArrayEquals(new double[] {1.5, -2}, e.encode(new double[] {1.5, -2}), 0.0);
    assertArrayEquals(new double[] {3.25}, e.encode(new String[] {" 3.25 "}), 0.0);
    assertThrows(InputException.class, () -> e.encode(new String[] {"abc"}));
  }
}
