package dev.boreal.engine.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.UsageException;
import org.junit.jupiter.api.Test;

/** Links transform as defined, agree between the batch and row forms, and read back from their stored name. */
class LinkTest {

  @Test
  void namesRoundTrip() {
    for (Link l : new Link[] {Link.IDENTITY, Link.SOFTMAX, Link.EXP, Link.sigmoid(0.5)}) {
      assertEquals(l, Link.of(l.name(), l.param()));
    }
    assertEquals("sigmoid", Link.sigmoid(2).name());
    assertThrows(UsageException.class, () -> Link.of("logit", 1));
    assertThrows(UsageException.class, () -> Link.sigmoid(0));
  }

  @Test
  void sigmoidAndExpInvertTheirRawMargins() {
    Link s = Link.sigmoid(1.5);
    for (double p : new double[] {0.01, 0.3, 0.5, 0.9}) {
      double raw = Math.log(p / (1 - p)) / 1.5;
      assertEquals(p, s.apply(raw), 1e-12);
      assertEquals(p, Link.EXP.apply(Math.log(p)), 1e-15);
    }
    double[] raw = {-2, 0, 3};
    double[] out = new double[3];
    Link.IDENTITY.transform(raw, 3, 1, out);
    assertEquals(3.0, out[2], 0.0);
  }

  @Test
  void softmaxBatchEqualsRowForm() {
    int n = 2;
    int k = 3;
    double[] outputMajor = {1, -1, 2, 0, 1000, 5}; // row 0: 1, 2, 1000; row 1: -1, 0, 5
    double[] batch = new double[6];
    Link.SOFTMAX.transform(outputMajor, n, k, batch);
    double[] rowMajor = {0, 0, 0, 1, 2, 1000, -1, 0, 5}; // three leading slots test the offset
    Link.SOFTMAX.transformRow(rowMajor, 3, k, rowMajor);
    Link.SOFTMAX.transformRow(rowMajor, 6, k, rowMajor);
    double sum = 0;
    for (int c = 0; c < k; c++) {
      assertEquals(batch[c * n], rowMajor[3 + c], 1e-15);
      assertEquals(batch[c * n + 1], rowMajor[6 + c], 1e-15);
      sum += batch[c * n + 1];
    }
    assertEquals(1.0, sum, 1e-15);
    assertEquals(Math.exp(-1) / (Math.exp(-1) + 1 + Math.exp(5)), batch[1], 1e-15);
    assertEquals(1.0, batch[4], 1e-15); // a huge margin does not overflow
  }
}
