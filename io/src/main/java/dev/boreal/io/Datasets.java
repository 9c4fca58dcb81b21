package dev.boreal.io;

import dev.boreal.engine.Parallel;
import dev.boreal.engine.PhaseTimes;
import dev.boreal.engine.PhaseTimes.Phase;
import dev.boreal.engine.learn.Labels;
import dev.boreal.engine.learn.Learner;
import dev.boreal.engine.learn.PreparedData;
import dev.boreal.engine.learn.Preparation;
import dev.boreal.engine.objective.LabelEncoder;
import dev.boreal.engine.params.Params;
import dev.boreal.histogram.BinMapper;
import dev.boreal.histogram.FeatureColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Hands tables to the training pipeline's {@link Preparation}: a training table and its validation tables
 * (read from files here, or given), prepared for one learner; and a further table's columns matched to a
 * model's features for scoring. Reading stays here, in {@code io}; encoding labels, binning and matching
 * happen in the engine's one place.
 */
public final class Datasets {
  /**
   * Data prepared from files, and the tables whose columns it still reads (the MLP trains on raw columns);
   * closing frees them. For the tree learners every table was closed as soon as it was binned.
   */
  public static final class Prepared implements AutoCloseable {
    private final PreparedData data;
    private final List<Table> open;
    private final List<ReadNote> notes;
    private final Table training;

    private Prepared(PreparedData data, List<Table> open, List<ReadNote> notes, Table training) {
      this.data = data;
      this.open = open;
      this.notes = notes;
      this.training = training;
    }

    /** The prepared data; valid until this is closed. */
    public PreparedData data() {
      return data;
    }

    /**
     * The training file's table, open until this is closed, when it was asked to be kept (or the learner reads
     * raw columns as it trains); otherwise null.
     */
    public Table training() {
      return training;
    }

    /** The notes of every file read ({@link Table#notes()}), training file first. */
    public List<ReadNote> notes() {
      return notes;
    }

    @Override
    public void close() {
      for (Table t : open) {
        t.close();
      }
      open.clear();
    }
  }

  private Datasets() {}

  /**
   * Reads a training file and validation files and prepares them for {@code learner}: each file is read,
   * prepared, and (for the tree learners) closed before the next is read, so that at most one file's raw
   * columns are in memory beside the bins.
   *
   * @param options how to read the files; its thread count is the team's
   * @param p validated parameters
   * @param team the run's threads, for binning
   */
  public static Prepared prepare(Learner<?> learner, Path train, List<Path> valids, ReadOptions options,
      Params p, Parallel team, BufferAllocator allocator) {
    return prepare(learner, train, valids, options, p, team, allocator, false);
  }

  /**
   * As {@link #prepare(Learner, Path, List, ReadOptions, Params, Parallel, BufferAllocator)}, keeping the
   * training file's raw columns open beside the bins when {@code keepTraining} ({@link Prepared#training()}),
   * for work after training that needs them, at the cost of holding them while the model trains.
   */
  public static Prepared prepare(Learner<?> learner, Path train, List<Path> valids, ReadOptions options,
      Params p, Parallel team, BufferAllocator allocator, boolean keepTraining) {
    List<Table> open = new ArrayList<>();
    List<ReadNote> notes = new ArrayList<>();
    Table kept = null;
    try {
      Preparation prep;
      PhaseTimes times = team.times();
      long t = times.start();
      Table table = DataReaders.read(train, options, allocator, team.team());
      times.add(Phase.READING, t);
      notes.addAll(table.notes());
      try {
        t = times.start();
        prep = Preparation.of(learner, table.input(), p, team);
        times.add(Phase.BINNING, t);
      } finally {
        if (keepTraining && learner.readsBins()) {
          open.add(table);
        } else {
          keepOrClose(learner, table, open);
        }
      }
      kept = open.contains(table) ? table : null;
      List<String> features = prep.featureNames();
      for (Path v : valids) {
        t = times.start();
        Table vt = DataReaders.read(v, GroupFile.forValidation(v, options), allocator, team.team());
        times.add(Phase.READING, t);
        notes.addAll(vt.notes());
        try {
          t = times.start();
          prep.addValidation(vt.further(features));
          times.add(Phase.BINNING, t);
        } finally {
          keepOrClose(learner, vt, open);
        }
      }
      return new Prepared(prep.data(), open, notes, kept);
    } catch (RuntimeException e) {
      new Prepared(null, open, notes, null).close();
      throw e;
    }
  }

  /**
   * Prepares tables that are already read for {@code learner}; the caller keeps them open until training
   * has finished and closes them.
   */
  public static PreparedData prepare(Learner<?> learner, Table train, List<Table> valids, Params p, Parallel team) {
    Preparation prep = Preparation.of(learner, train.input(), p, team);
    for (Table v : valids) {
      prep.addValidation(v.further(prep.featureNames()));
    }
    return prep.data();
  }

  /** The MLP reads its tables' raw columns while it trains; the tree learners are done with them once binned. */
  private static void keepOrClose(Learner<?> learner, Table table, List<Table> open) {
    if (learner.readsBins()) {
      table.close();
    } else {
      open.add(table);
    }
  }

  /**
   * A table's labels encoded as a model's training encoded them.
   *
   * @throws dev.boreal.UsageException if the table has no label column
   * @throws dev.boreal.InputException naming the table for a label the encoder does not know
   */
  public static double[] labels(Table table, LabelEncoder encoder) {
    return Labels.encode(encoder, table.input());
  }

  /**
   * The table's columns for a model's features, by name, checked against the kinds the model learned.
   *
   * @throws dev.boreal.UsageException naming a feature the table lacks or holds with another type
   */
  public static List<FeatureColumn> columnsFor(Table table, List<String> featureNames, List<BinMapper> mappers) {
    return Preparation.matching(table.further(featureNames), featureNames, Preparation.categorical(mappers));
  }
}
