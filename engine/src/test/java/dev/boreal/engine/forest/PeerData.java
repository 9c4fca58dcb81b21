package dev.boreal.engine.forest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boreal.engine.TestData;
import dev.boreal.engine.TrainingData;
import dev.boreal.histogram.BinnedData;
import dev.boreal.histogram.BinningParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads LightGBM's example data sets from the peer data folder for forest tests: tab-separated numbers
 * without a header, the label first. The test file is binned with the training file's mappers. Tests are
 * skipped with a message when the folder is absent.
 */
final class PeerData {
  /** A training set and a test set binned alike. */
  record Split(TrainingData train, TrainingData test) {}

  private PeerData() {}

  /** {@code ../shared/data/<folder>/<stem>.train} and {@code .test}. */
  static Split load(String folder, String stem) {
    String root = System.getProperty("boreal.shared.data");
    Path dir = root == null ? null : Path.of(root, folder);
    assumeTrue(dir != null && Files.isDirectory(dir), "peer data set " + folder + " is absent (system property "
        + "boreal.shared.data = " + root + "; see ../shared/data/README.md); skipping");
    double[][] train = read(dir.resolve(stem + ".train"));
    double[][] test = read(dir.resolve(stem + ".test"));
    BinnedData binned = TestData.bin(features(train), new int[0][], new String[0][], BinningParams.defaults());
    BinnedData testBinned = TestData.apply(binned, features(test), new int[0][], new String[0][]);
    List<String> names = TestData.names(train.length - 1);
    return new Split(new TrainingData(stem + ".train", binned, names, train[0], null, null),
        new TrainingData(stem + ".test", testBinned, names, test[0], null, null));
  }

  /** Columns of a numeric TSV file: {@code columns[c][row]}. */
  private static double[][] read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      int width = lines.get(0).split("\t").length;
      double[][] columns = new double[width][lines.size()];
      for (int r = 0; r < lines.size(); r++) {
        String[] fields = lines.get(r).split("\t");
        for (int c = 0; c < width; c++) {
          columns[c][r] = Double.parseDouble(fields[c]);
        }
      }
      return columns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[][] features(double[][] columns) {
    double[][] out = new double[columns.length - 1][];
    System.arraycopy(columns, 1, out, 0, out.length);
    return out;
  }
}
