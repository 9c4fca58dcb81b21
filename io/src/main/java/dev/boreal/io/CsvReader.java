package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.io.CsvBlockParser.Block;
import dev.boreal.io.CsvBlockSource.Chunk;
import dev.boreal.io.CsvTokenizer.Failure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads CSV and TSV files: detects the delimiter, reads the header, then parses record-aligned blocks on
 * {@code options.threads()} threads while this thread reads ahead, and assembles the blocks in file order.
 *
 * <p>At most {@code threads + 1} blocks of text are in memory at once. A column is numeric unless it is
 * forced categorical or some block meets a token that is neither a number nor a missing marker; blocks
 * that had parsed such a column as numbers are read again for its text, so the result does not depend on
 * which blocks were parsed first.
 */
final class CsvReader implements FormatReader {
  private static final int DEFAULT_BLOCK_SIZE = 4 << 20;
  private static final int SAMPLE_BYTES = 64 << 10;
  private static final int SAMPLE_LINES = 20;
  private static final byte[] DELIMITERS = {',', '\t', ';', '|'};

  private final int blockSize;

  CsvReader() {
    this(DEFAULT_BLOCK_SIZE);
  }

  /** A reader with small blocks, so tests can cover many block edges with little data. */
  CsvReader(int blockSize) {
    this.blockSize = blockSize;
  }

  @Override
  public RawTable read(Path file, ReadOptions options, BufferAllocator allocator) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] sample = new byte[(int) Math.min(SAMPLE_BYTES, channel.size())];
      int sampled = channel.read(ByteBuffer.wrap(sample), 0);
      int start = sampled >= 3 && (sample[0] & 0xff) == 0xef && (sample[1] & 0xff) == 0xbb
          && (sample[2] & 0xff) == 0xbf ? 3 : 0;
      byte delimiter = delimiter(options, sample, start, Math.max(sampled, 0),
          channel.size() <= SAMPLE_BYTES);
      ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
        Thread t = new Thread(r, "boreal-csv");
        t.setDaemon(true);
        return t;
      });
      try {
        return new Run(file, channel, delimiter, options, pool).read(start, allocator);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading " + file);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static byte delimiter(ReadOptions options, byte[] sample, int from, int to, boolean wholeFile) {
    if (options.delimiter() != null) {
      char d = options.delimiter();
      if (d == 0 || d > 127 || d == '"' || d == '\n' || d == '\r') {
        throw new UsageException("--delimiter must be one ASCII character other than a quote or a line end, not '"
            + d + "'.");
      }
      return (byte) d;
    }
    if (options.format() == DataFormat.TSV) {
      return '\t';
    }
    return detectDelimiter(sample, from, to, wholeFile);
  }

  /**
   * The candidate whose count outside quotes is the same, and largest, on each of the first lines; else
   * the one most frequent on the first line; else a comma (a single column).
   */
  static byte detectDelimiter(byte[] sample, int from, int to, boolean wholeFile) {
    int[][] counts = new int[DELIMITERS.length][SAMPLE_LINES];
    int[] current = new int[DELIMITERS.length];
    int lines = 0;
    boolean inQuotes = false;
    boolean blank = true;
    for (int i = from; i < to && lines < SAMPLE_LINES; i++) {
      byte c = sample[i];
      if (c == '"') {
        inQuotes = !inQuotes;
        blank = false;
      } else if (!inQuotes && c == '\n') {
        if (!blank) {
          for (int k = 0; k < DELIMITERS.length; k++) {
            counts[k][lines] = current[k];
          }
          lines++;
        }
        Arrays.fill(current, 0);
        blank = true;
      } else if (!inQuotes && c != '\r') {
        blank = false;
        for (int k = 0; k < DELIMITERS.length; k++) {
          current[k] += c == DELIMITERS[k] ? 1 : 0;
        }
      }
    }
    if (wholeFile && !blank && lines < SAMPLE_LINES) {
      for (int k = 0; k < DELIMITERS.length; k++) {
        counts[k][lines] = current[k];
      }
      lines++;
    }
    int best = -1;
    for (int k = 0; k < DELIMITERS.length && lines > 0; k++) {
      boolean consistent = counts[k][0] > 0;
      for (int l = 1; l < lines && consistent; l++) {
        consistent = counts[k][l] == counts[k][0];
      }
      if (consistent && (best < 0 || counts[k][0] > counts[best][0])) {
        best = k;
      }
    }
    for (int k = 0; k < DELIMITERS.length && best < 0 && lines > 0; k++) {
      if (counts[k][0] > 0 && (best < 0 || counts[k][0] > counts[best][0])) {
        best = k;
      }
    }
    return best < 0 ? (byte) ',' : DELIMITERS[best];
  }

  /** One read of one file: the state shared by the reading thread and the parsing tasks. */
  private final class Run {
    private final Path file;
    private final FileChannel channel;
    private final byte delimiter;
    private final ReadOptions options;
    private final ExecutorService pool;
    private final AtomicBoolean failed = new AtomicBoolean();
    private List<String> names;
    /** Columns some block has found to hold text: later blocks parse them as text straight away. */
    private AtomicIntegerArray textSeen;
    private boolean[] forced;

    Run(Path file, FileChannel channel, byte delimiter, ReadOptions options, ExecutorService pool) {
      this.file = file;
      this.channel = channel;
      this.delimiter = delimiter;
      this.options = options;
      this.pool = pool;
    }

    RawTable read(long start, BufferAllocator allocator) throws IOException, InterruptedException {
      CsvBlockSource source = new CsvBlockSource(channel, start, delimiter);
      BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(options.threads() + 1);
      for (int i = 0; i < options.threads() + 1; i++) {
        free.add(new byte[blockSize]);
      }
      Chunk first = source.next(free.take());
      CsvTokenizer header = first == null ? null : new CsvTokenizer(first.buffer(), 0, first.length(), delimiter);
      boolean skipped = header != null;
      while (skipped) {
        skipped = header.skipBlankLine();
      }
      if (header == null || header.atEnd()) {
        throw new InputException(file + ": the file holds no records.");
      }
      readNames(header);
      int dataFrom = options.header() ? header.position() : 0;
      int headerLines = options.header() ? header.lines() : 0;
      List<Future<Block>> futures = new ArrayList<>();
      futures.add(submit(first, dataFrom, free));
      while (!failed.get()) {
        byte[] buffer = free.take();
        Chunk chunk = source.next(buffer);
        if (chunk == null) {
          break;
        }
        futures.add(submit(chunk, 0, free));
      }
      List<Block> blocks = collect(futures, headerLines);
      boolean[] text = forced.clone();
      int rows = 0;
      for (Block b : blocks) {
        rows += b.rows;
        for (int c = 0; c < text.length; c++) {
          text[c] |= b.isText(c);
        }
      }
      if (rows == 0) {
        throw new InputException(file + (options.header()
            ? ": the file has a header line but no data rows." : ": the file has no data rows."));
      }
      rereadAsText(blocks, text, headerLines);
      return CsvAssembler.assemble(names, text, blocks, rows, allocator, pool);
    }

    private void readNames(CsvTokenizer header) {
      List<String> fields = new ArrayList<>();
      try {
        boolean more;
        do {
          more = header.next();
          byte[] b = header.fieldBytes;
          if (!TextDictionary.isUtf8(b, header.fieldStart, header.fieldEnd)) {
            throw new Failure(header.fieldPosition, header.fieldLine, header.fieldColumn,
                "the bytes are not valid UTF-8");
          }
          fields.add(new String(b, header.fieldStart, header.fieldEnd - header.fieldStart, StandardCharsets.UTF_8));
        } while (more);
      } catch (Failure f) {
        throw inputError(f, 0);
      }
      names = new ArrayList<>(fields.size());
      Map<String, Integer> seen = new HashMap<>();
      for (int c = 0; c < fields.size(); c++) {
        String name = options.header() && !fields.get(c).isEmpty() ? fields.get(c) : "Column_" + c;
        Integer earlier = seen.putIfAbsent(name, c);
        if (earlier != null) {
          throw new InputException(file + ": line 1: the header names column '" + name
              + "' twice, at 0-based positions " + earlier + " and " + c + ".");
        }
        names.add(name);
      }
      textSeen = new AtomicIntegerArray(names.size());
      forced = new boolean[names.size()];
      for (String spec : options.categorical()) {
        int c = names.indexOf(spec);
        if (c < 0 && !spec.isEmpty() && spec.chars().allMatch(Character::isDigit) && spec.length() < 10) {
          c = Integer.parseInt(spec) < names.size() ? Integer.parseInt(spec) : -1;
        }
        if (c >= 0) {
          forced[c] = true;
        }
      }
    }

    private Future<Block> submit(Chunk chunk, int from, BlockingQueue<byte[]> free) {
      byte[] modes = new byte[names.size()];
      for (int c = 0; c < modes.length; c++) {
        modes[c] = forced[c] || textSeen.get(c) != 0 ? CsvBlockParser.TEXT : CsvBlockParser.NUMERIC;
      }
      return pool.submit(() -> {
        try {
          Block block = CsvBlockParser.parse(chunk.buffer(), from, chunk.length(), chunk.offset() + from,
              delimiter, modes);
          for (int c = 0; c < modes.length; c++) {
            if (block.isText(c)) {
              textSeen.set(c, 1);
            }
          }
          if (block.failure != null) {
            failed.set(true);
          }
          return block;
        } finally {
          free.add(chunk.buffer());
        }
      });
    }

    /** Waits for every block in file order and throws the first block's error, if any. */
    private List<Block> collect(List<Future<Block>> futures, int headerLines)
        throws IOException, InterruptedException {
      List<Block> blocks = new ArrayList<>(futures.size());
      long linesBefore = headerLines;
      for (Future<Block> f : futures) {
        Block b;
        try {
          b = f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new IOException(cause);
        }
        if (b.failure != null) {
          throw inputError(b.failure, linesBefore);
        }
        linesBefore += b.lines;
        blocks.add(b);
      }
      return blocks;
    }

    /** Parses again, for their text, the blocks that read a column as numbers which another block found to be text. */
    private void rereadAsText(List<Block> blocks, boolean[] text, int headerLines) throws IOException {
      long linesBefore = headerLines;
      for (Block b : blocks) {
        byte[] modes = new byte[text.length];
        boolean any = false;
        for (int c = 0; c < text.length; c++) {
          boolean needed = text[c] && !b.isText(c);
          modes[c] = needed ? CsvBlockParser.TEXT : CsvBlockParser.SKIP;
          any |= needed;
        }
        if (any) {
          byte[] bytes = CsvBlockSource.readRange(channel, b.fileOffset, b.length);
          Block again = CsvBlockParser.parse(bytes, 0, bytes.length, b.fileOffset, delimiter, modes);
          if (again.failure != null) {
            throw inputError(again.failure, linesBefore);
          }
          for (int c = 0; c < text.length; c++) {
            if (modes[c] == CsvBlockParser.TEXT) {
              b.codes[c] = again.codes[c];
              b.dictionaries[c] = again.dictionaries[c];
              b.values[c] = null;
            }
          }
        }
        linesBefore += b.lines;
      }
    }

    private InputException inputError(Failure f, long linesBefore) {
      String where = "line " + (linesBefore + f.line + 1);
      if (f.column >= 0) {
        where += names != null && f.column < names.size()
            ? ", column '" + names.get(f.column) + "'" : ", field " + (f.column + 1);
      }
      return new InputException(file + ": " + where + ": " + f.getMessage() + ".");
    }
  }
}
