package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code boreal train --timings} ends with one line naming every phase with its seconds, which add up to no more
 * than the run's time; without the option there is no such line.
 */
class TrainTimingsTest {
  private static final Pattern LINE = Pattern.compile("Timings: reading (\\S+) s, binning (\\S+) s, gradients (\\S+)"
      + " s, histograms (\\S+) s, split search (\\S+) s, partition (\\S+) s, scoring (\\S+) s, other (\\S+) s\\.");

  @Test
  void timingsNameEveryPhaseAndAddUpToTheRun(@TempDir Path dir) throws IOException {
    Path train = dir.resolve("train.csv");
    SyntheticData.writeCsv(train, 5000, 3);
    String[] args = {"train", "--data", train.toString(), "--valid", train.toString(), "--label", SyntheticData.LABEL,
        "-p", "objective=binary", "-p", "num_iterations=20", "--threads", "2", "--log-every", "0", "--model",
        dir.resolve("m.json").toString()};
    CliRunner plain = CliRunner.run(args);
    assertEquals(0, plain.exitCode, plain.err);
    assertFalse(plain.out.contains("Timings:"), plain.out);

    String[] timed = java.util.Arrays.copyOf(args, args.length + 1);
    timed[args.length] = "--timings";
    CliRunner r = CliRunner.run(timed);
    assertEquals(0, r.exitCode, r.err);
    Matcher m = LINE.matcher(r.out);
    assertTrue(m.find(), r.out);
    Matcher wrote = Pattern.compile("in (\\S+) s\\.").matcher(r.out);
    assertTrue(wrote.find(), r.out);
    double phases = 0;
    for (int g = 1; g <= 7; g++) {
      double seconds = Double.parseDouble(m.group(g));
      assertTrue(seconds >= 0, m.group());
      phases += seconds;
    }
    assertTrue(phases <= Double.parseDouble(wrote.group(1)) + 0.05, m.group() + " within " + wrote.group());
  }
}
