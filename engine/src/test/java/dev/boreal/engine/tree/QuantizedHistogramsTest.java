package dev.boreal.engine.tree;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.boreal.UsageException;
import org.junit.jupiter.api.Test;

/** The overflow guard of quantized training: rows × levels must stay below 2^32, the wide cells' half. */
class QuantizedHistogramsTest {
  @Test
  void rowsTimesLevelsAtOrAbove2To32AreRefusedInOneSentence() {
    assertDoesNotThrow(() -> QuantizedHistograms.checkFits(33_818_640, 127));
    assertEquals("use_quantized_grad with num_grad_quant_bins=127 and 33818641 training rows could overflow the"
        + " 64-bit histogram sums: rows times num_grad_quant_bins must stay below 4294967296, so use at most 126"
        + " bins.", assertThrows(UsageException.class, () -> QuantizedHistograms.checkFits(33_818_641, 127))
            .getMessage());
    assertThrows(UsageException.class, () -> QuantizedHistograms.checkFits(1L << 31, 2));
  }
}
