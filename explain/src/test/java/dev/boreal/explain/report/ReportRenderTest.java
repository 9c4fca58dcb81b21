package dev.boreal.explain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a report in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) and checks
 * that the screenshot shows something: a fair share of non-white pixels and the report's many colours.
 * Skipped, with a message, on a machine without Chromium.
 */
class ReportRenderTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  /** Screenshots {@code html} into {@code png} with a fresh profile; network features are off. */
  static void screenshot(Path html, Path png, Path profile) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1400,3000",
        html.toUri().toString()))
        .redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling("chromium.log").toFile())
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s");
    }
    String log = Files.readString(profile.resolveSibling("chromium.log"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "chromium failed: " + log);
  }

  @Test
  void theReportRendersAsAPageFullOfCharts() throws Exception {
    rendersFullOfCharts(ReportFixture.input(ReportFixture.model(12, 1), 5000, 1, null, new int[] {5}));
  }

  @Test
  void aNeuralNetsReportRendersAsAPageFullOfChartsToo() throws Exception {
    rendersFullOfCharts(ReportFixture.input(ReportFixture.mlp(12), 5000, 1, null, new int[] {5}));
  }

  private void rendersFullOfCharts(ReportInput input) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
        + " (apt-get install chromium); skipping the rendering check");
    Path html = dir.resolve("report.html");
    Files.writeString(html, ReportWriter.render(input));
    Path png = dir.resolve("report.png");
    screenshot(html, png, Files.createDirectory(dir.resolve("profile")));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1400, image.getWidth());
    long nonWhite = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (rgb != 0xFFFFFF) {
          nonWhite++;
        }
        // Quantised to 4 bits a channel, so anti-aliasing does not inflate the count.
        colours.add(((rgb >> 20) & 0xF) << 8 | ((rgb >> 12) & 0xF) << 4 | ((rgb >> 4) & 0xF));
      }
    }
    double share = nonWhite / (double) ((image.getWidth() / 2) * (image.getHeight() / 2));
    assertTrue(share > 0.25, "only " + share + " of the screenshot is not white");
    assertTrue(colours.size() >= 30, "only " + colours.size() + " distinct colours");
    assertTrue(hasColour(image, 0xff0d57) && hasColour(image, 0x1e88e5), "the red and blue of the plots show");
  }

  /** Whether some pixel is within a small distance of {@code rgb}. */
  static boolean hasColour(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int d = Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) + Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF))
            + Math.abs((p & 0xFF) - (rgb & 0xFF));
        if (d < 24) {
          return true;
        }
      }
    }
    return false;
  }
}
