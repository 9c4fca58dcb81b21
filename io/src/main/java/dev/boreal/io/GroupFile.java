package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.collect.IntList;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Query groups for ranking: LightGBM's {@code .query} files of group sizes, and groups from a query-id column. */
final class GroupFile {
  private GroupFile() {}

  /**
   * The read options of a validation file: with the training file's groups in a {@code .query} file, the
   * validation file's groups are in the {@code .query} file beside it, as LightGBM's command line finds them
   * ({@code rank.test} → {@code rank.test.query}); the training file's would never add up to its rows.
   *
   * @throws InputException when the training groups come from a file and the validation file has none beside it
   */
  static ReadOptions forValidation(Path valid, ReadOptions training) {
    if (training.groupFile() == null) {
      return training;
    }
    Path beside = valid.resolveSibling(valid.getFileName() + ".query");
    if (!Files.isRegularFile(beside)) {
      throw new InputException(valid + ": a validation file needs its own query groups when --group-file gives the "
          + "training file's; expected them in " + beside + " (one group size per line, LightGBM's convention), "
          + "which does not exist.");
    }
    return training.withGroupFile(beside);
  }

  /** Reads group sizes, one positive integer per line, and checks they add up to {@code rows}. */
  static int[] read(Path file, int rows) {
    IntList sizes = new IntList();
    long total = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String t = line.trim();
        if (t.isEmpty()) {
          continue;
        }
        int size;
        try {
          size = Integer.parseInt(t);
        } catch (NumberFormatException e) {
          size = -1;
        }
        if (size <= 0) {
          throw new InputException(file + ": line " + lineNo + ": expected a positive group size, found '"
              + t + "'.");
        }
        sizes.add(size);
        total += size;
      }
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": no such group file.", e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read the group file (" + e.getMessage() + ").", e);
    }
    if (total != rows) {
      throw new InputException(file + ": the group sizes add up to " + total + " rows but the data has "
          + rows + " rows.");
    }
    return sizes.toIntArray();
  }

  /** Groups are runs of equal ids in row order, as LightGBM and XGBoost read a query-id column. */
  static int[] sizesFromIds(Path source, String column, double[] ids) {
    IntList sizes = new IntList();
    int runStart = 0;
    for (int r = 0; r < ids.length; r++) {
      if (Double.isNaN(ids[r])) {
        throw new InputException(source + ": row " + (r + 1) + ", column '" + column
            + "': the group id is missing.");
      }
      if (r > 0 && ids[r] != ids[r - 1]) {
        sizes.add(r - runStart);
        runStart = r;
      }
    }
    if (ids.length > 0) {
      sizes.add(ids.length - runStart);
    }
    return sizes.toIntArray();
  }
}
