package dev.boreal.histogram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import org.junit.jupiter.api.Test;

class BinningParamsTest {
  @Test
  void defaultsFollowLightGbm() {
    BinningParams p = BinningParams.defaults();
    assertEquals(255, p.maxBin());
    assertEquals(200_000, p.binConstructSampleCnt());
    assertEquals(3, p.minDataInBin());
    assertTrue(p.threads() >= 1);
    assertFalse(p.zeroAsMissing());
    assertTrue(p.withZeroAsMissing(true).zeroAsMissing());
    assertTrue(p.useMissing());
    assertFalse(p.withUseMissing(false).useMissing());
  }

  @Test
  void maxBinOfOneIsRefusedWithItsRange() {
    UsageException e = assertThrows(UsageException.class, () -> BinningParams.defaults().withMaxBin(1));
    assertTrue(e.getMessage().contains("max_bin"), e.getMessage());
    assertTrue(e.getMessage().contains("2..65535"), e.getMessage());
    assertTrue(e.getMessage().endsWith("."), e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void everyLowerLimitIsChecked() {
    BinningParams p = BinningParams.defaults();
    assertThrows(UsageException.class, () -> p.withMaxBin(65_536));
    assertThrows(UsageException.class, () -> p.withBinConstructSampleCnt(0));
    assertThrows(UsageException.class, () -> p.withMinDataInBin(0));
    UsageException e = assertThrows(UsageException.class, () -> p.withThreads(0));
    assertTrue(e.getMessage().contains("threads must be at least 1"), e.getMessage());
  }
}
