package dev.boreal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDataTest {
  @TempDir Path dir;

  @Test
  void sameSeedGivesSameBytesAndOtherSeedDiffers() throws IOException {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Path c = dir.resolve("c.csv");
    SyntheticData.writeCsv(a, 3000, 7);
    SyntheticData.writeCsv(b, 3000, 7);
    SyntheticData.writeCsv(c, 3000, 8);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertTrue(!java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file is left");
  }

  @Test
  void rowsHaveTheDocumentedShapeLabelBalanceAndMissingness() throws IOException {
    Path file = dir.resolve("d.csv");
    SyntheticData.writeCsv(file, 20_000, 1);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(20_001, lines.size());
    String[] header = lines.get(0).split(",", -1);
    assertEquals(30, header.length);
    assertEquals(SyntheticData.LABEL, header[0]);
    assertEquals(SyntheticData.CHANNEL, header[29]);
    int positives = 0;
    int withoutJet4 = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertEquals(30, f.length, line);
      positives += Integer.parseInt(f[0]);
      if (f[18].isEmpty()) {
        withoutJet4++;
        assertTrue(f[19].isEmpty() && f[20].isEmpty() && f[21].isEmpty(), "jet 4 is missing as a whole");
      }
    }
    double positiveRate = positives / 20_000.0;
    assertTrue(positiveRate > 0.3 && positiveRate < 0.6, "positive rate " + positiveRate);
    double missingRate = withoutJet4 / 20_000.0;
    assertTrue(missingRate > 0.06 && missingRate < 0.10, "rows without a fourth jet " + missingRate);
  }

  @Test
  void fixedPointFormattingRoundsToSixDecimals() {
    StringBuilder s = new StringBuilder();
    SyntheticData.appendFixed(s, -1.23456789);
    s.append(' ');
    SyntheticData.appendFixed(s, 0.5);
    s.append(' ');
    SyntheticData.appendFixed(s, 2.0);
    s.append(' ');
    SyntheticData.appendFixed(s, 0.000012);
    s.append(' ');
    SyntheticData.appendFixed(s, -0.0000001);
    assertEquals("-1.234568 0.5 2 0.000012 0", s.toString());
  }
}
