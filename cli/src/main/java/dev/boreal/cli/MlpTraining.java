package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.gbdt.TrainingListener;
import dev.boreal.engine.nn.MlpData;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.nn.MlpTrainer;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.DataReaders;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code boreal train --algorithm mlp}: reads the training file and the validation files, keeps their raw
 * columns open while the network trains (it standardises and one-hot encodes them itself rather than
 * binning them), and reports what training recorded.
 */
final class MlpTraining {
  private MlpTraining() {}

  /**
   * Trains an MLP on {@code data}, recording metrics on each {@code valid} file after every epoch.
   *
   * @param p validated parameters; {@code num_class} is filled in for multiclass when the user gave none
   */
  static MlpModel train(Path data, List<Path> valid, ReadOptions read, Params p, PrintWriter console,
      TrainingListener log) {
    String objective = p.getString("objective");
    List<Table> open = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator()) {
      try {
        Table table = DataReaders.read(data, read, allocator);
        open.add(table);
        DataPart.Labelled labelled = DataPart.Labelled.of(table, data.getFileName().toString(), p);
        MlpData train = labelled.all().forMlp();
        List<MlpData> valids = new ArrayList<>();
        for (Path v : valid) {
          Table vt = DataReaders.read(v, read, allocator);
          open.add(vt);
          valids.add(labelled.further(vt, v.getFileName().toString()).forMlp());
        }
        console.printf(Locale.ROOT, "Training an mlp (%s) on %,d rows x %d features%s%n", objective, train.rows(),
            train.columns().size(), valid.isEmpty() ? "" : ", validating on " + valid.size() + " file(s)");
        return MlpTrainer.train(train, valids, labelled.params(), labelled.classes(), log);
      } finally {
        for (Table t : open) {
          t.close();
        }
      }
    }
  }

  /** A further table's columns for the training features, checked by name and kind, naming the file. */
  static List<FeatureColumn> matching(Table table, List<FeatureColumn> trainColumns) {
    List<String> present = table.columnNames();
    List<FeatureColumn> out = new ArrayList<>(trainColumns.size());
    for (FeatureColumn t : trainColumns) {
      if (!present.contains(t.name())) {
        throw new UsageException(table.source() + ": has no column '" + t.name() + "', a feature of the model.");
      }
      FeatureColumn c = table.column(t.name());
      if (c.isCategorical() != t.isCategorical()) {
        throw new UsageException(table.source() + ": column '" + t.name() + "' is "
            + (c.isCategorical() ? "categorical" : "numeric") + " here but " + (t.isCategorical() ? "categorical"
            : "numeric") + " in the training data" + (c.isCategorical() ? "" : "; read it with --categorical "
            + t.name()) + ".");
      }
      out.add(c);
    }
    return out;
  }

  /** One line on what was trained, then the held-out and validation metrics at the kept epoch. */
  static void report(MlpModel m, Path out, double seconds, PrintWriter console) {
    int[] sizes = m.network().sizes();
    StringBuilder hidden = new StringBuilder();
    for (int l = 1; l < sizes.length - 1; l++) {
      hidden.append(l == 1 ? "" : ",").append(sizes[l]);
    }
    console.printf(Locale.ROOT, "Trained an mlp (%d inputs, hidden %s, %,d weights) for %d epochs (best %d) in "
        + "%.2f s; model written to %s%n", sizes[0], hidden.length() == 0 ? "none" : hidden,
        m.network().numParameters(), m.epochs(), m.bestEpoch(), seconds, out);
    int best = m.bestEpoch();
    m.evalHistory().forEach((set, metrics) -> metrics.forEach((metric, values) -> {
      if (best > 0 && values.length >= best) {
        console.printf(Locale.ROOT, "  %s %s at epoch %d: %.6g%n", set, metric, best, values[best - 1]);
      }
    }));
  }
}
