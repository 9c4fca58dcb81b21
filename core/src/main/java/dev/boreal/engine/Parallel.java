package dev.boreal.engine;

import dev.boreal.histogram.WorkerTeam;

/**
 * The threads of one training, and loops over fixed blocks of an index range.
 *
 * <p>Blocks depend only on the range and the block size, never on the thread count, and partial results
 * are combined by the caller in block order; so the same input gives bit-identical output for any number
 * of threads. The calling thread works on every loop alongside {@code threads - 1} workers (a
 * {@link WorkerTeam}); a loop started while another is running, or from inside one, runs on its caller's
 * thread alone.
 */
public final class Parallel implements AutoCloseable {
  /** Work on the half-open range {@code [from, to)} of block number {@code block}. */
  @FunctionalInterface
  public interface BlockTask {
    /** Processes rows {@code [from, to)}; {@code block} numbers the block from 0. */
    void run(int block, int from, int to);
  }

  /**
   * Below this many rows, a pass doing a few nanoseconds of work per row (a partition, a copy, adding leaf
   * values to scores) is cheaper on the caller's thread than shared: waking or waiting for another thread
   * costs microseconds, and much more when that thread's core is busy with another process.
   */
  public static final int MIN_SHARED_ROWS = 1 << 14;

  private final WorkerTeam team;
  private final PhaseTimes times;

  /** {@code threads} threads in all (at least 1), the caller included; 1 runs everything on the caller. */
  public Parallel(int threads) {
    this(checkedTeam(threads), new PhaseTimes());
  }

  private Parallel(WorkerTeam team, PhaseTimes times) {
    this.team = team;
    this.times = times;
  }

  private static WorkerTeam checkedTeam(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    return new WorkerTeam(threads);
  }

  /**
   * A team of one, the caller, that records its phases in this team's {@link #times()}: for a stage whose work
   * is too small to share. It holds no thread of its own, so closing it is not needed.
   */
  public Parallel callerOnly() {
    return new Parallel(new WorkerTeam(1), times);
  }

  /** The number of threads. */
  public int threads() {
    return team.size();
  }

  /** The team itself, for kernels that schedule their own tasks. */
  public WorkerTeam team() {
    return team;
  }

  /** Where this run's time went: the stages that get this team record their phases here. */
  public PhaseTimes times() {
    return times;
  }

  /** How many blocks {@link #forBlocks} cuts {@code n} items into with this block size. */
  public static int blockCount(int n, int blockSize) {
    return n == 0 ? 0 : (n + blockSize - 1) / blockSize;
  }

  /**
   * Runs {@code task} on blocks {@code [b*blockSize, min(n, (b+1)*blockSize))} for every block b, in parallel,
   * and returns when all are done. An exception thrown by a task is rethrown here (the lowest block's when
   * several fail).
   */
  public void forBlocks(int n, int blockSize, BlockTask task) {
    forBlocks(n, blockSize, true, task);
  }

  /**
   * As {@link #forBlocks(int, int, BlockTask)}, but on the caller's thread alone unless {@code share}: the
   * same blocks in order, so the same results, without handing out work too small to pay for waking the
   * other threads (see {@link #MIN_SHARED_ROWS}).
   */
  public void forBlocks(int n, int blockSize, boolean share, BlockTask task) {
    team.run(share ? team.size() : 1, blockCount(n, blockSize), b -> {
      int from = b * blockSize;
      task.run(b, from, Math.min(n, from + blockSize));
    });
  }

  /** Runs {@code task(i, i, i+1)} for each i in {@code [0, n)}: one item per block, e.g. one feature each. */
  public void forEach(int n, BlockTask task) {
    forBlocks(n, 1, task);
  }

  @Override
  public void close() {
    team.close();
  }
}
