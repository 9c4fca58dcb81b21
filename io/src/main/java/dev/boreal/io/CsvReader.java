package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.histogram.WorkerTeam;
import dev.boreal.io.CsvBlockParser.Block;
import dev.boreal.io.CsvBlockSource.Chunk;
import dev.boreal.io.CsvTokenizer.Failure;
import java.io.IOException;
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
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads CSV and TSV files: detects the delimiter, reads the header, then reads record-aligned blocks a
 * batch at a time (one block per thread of the run's team), parses each batch's blocks in parallel on the
 * team, and assembles the blocks in file order.
 *
 * <p>At most one batch of blocks of text is in memory at once. A column is numeric unless it is
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
  public RawTable read(Path file, ReadOptions options, BufferAllocator allocator, WorkerTeam team)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] sample = new byte[(int) Math.min(SAMPLE_BYTES, channel.size())];
      int sampled = channel.read(ByteBuffer.wrap(sample), 0);
      int start = sampled >= 3 && (sample[0] & 0xff) == 0xef && (sample[1] & 0xff) == 0xbb
          && (sample[2] & 0xff) == 0xbf ? 3 : 0;
      byte delimiter = delimiter(options, sample, start, Math.max(sampled, 0),
          channel.size() <= SAMPLE_BYTES);
      return new Run(file, channel, delimiter, options, team).read(start, allocator);
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
    private final WorkerTeam team;
    private List<String> names;
    /** Columns some block has found to hold text: later batches parse them as text straight away. */
    private boolean[] textSeen;
    /** Columns {@code --categorical} names: text from the start, and no note about them. */
    private boolean[] forced;
    /** Columns {@code --numeric} names: numbers, with other values missing. */
    private boolean[] forcedNumeric;
    /** Whether the header left the last column unnamed (or there is no header). */
    private boolean lastUnnamed;

    Run(Path file, FileChannel channel, byte delimiter, ReadOptions options, WorkerTeam team) {
      this.file = file;
      this.channel = channel;
      this.delimiter = delimiter;
      this.options = options;
      this.team = team;
    }

    RawTable read(long start, BufferAllocator allocator) throws IOException {
      CsvBlockSource source = new CsvBlockSource(channel, start, delimiter);
      byte[][] buffers = new byte[team.size()][];
      for (int i = 0; i < buffers.length; i++) {
        buffers[i] = new byte[blockSize];
      }
      Chunk first = source.next(buffers[0]);
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
      List<Block> parsed = new ArrayList<>();
      List<Chunk> batch = new ArrayList<>(buffers.length);
      batch.add(first);
      boolean failed = false;
      while (!batch.isEmpty() && !failed) {
        for (Chunk c = batch.size() < buffers.length ? source.next(buffers[batch.size()]) : null; c != null;
            c = batch.size() < buffers.length ? source.next(buffers[batch.size()]) : null) {
          batch.add(c);
        }
        failed = parse(batch, parsed.isEmpty() ? dataFrom : 0, parsed);
        batch.clear();
        Chunk next = failed ? null : source.next(buffers[0]);
        if (next != null) {
          batch.add(next);
        }
      }
      List<Block> blocks = collect(parsed, headerLines);
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
      List<ReadNote> notes = new ArrayList<>();
      if (names.size() > 1 && lastUnnamed && allMissing(blocks, names.size() - 1)) {
        String dropped = names.remove(names.size() - 1);
        notes.add(new ReadNote(dropped, file + ": every line ends with a delimiter, which makes an unnamed last "
            + "column without values; it is left out."));
      }
      return CsvAssembler.assemble(file.toString(), names, text, forced, blocks, rows, notes, allocator, team);
    }

    /** Whether column {@code c} has no value in any block (missing markers only). */
    private boolean allMissing(List<Block> blocks, int c) {
      for (Block b : blocks) {
        if (b.isText(c) ? b.dictionaries[c].size() > 0 : anyNumber(b.values[c], b.rows)) {
          return false;
        }
      }
      return true;
    }

    private boolean anyNumber(double[] values, int rows) {
      for (int r = 0; r < rows; r++) {
        if (values[r] == values[r]) {
          return true;
        }
      }
      return false;
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
      if (options.maxColumns() > 0 && fields.size() > options.maxColumns()) {
        throw new InputException(file + ": line 1: the file has " + fields.size()
            + " columns, more than --max-columns " + options.maxColumns() + " allows.");
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
      lastUnnamed = !options.header() || fields.get(fields.size() - 1).isEmpty();
      textSeen = new boolean[names.size()];
      forced = flags(options.categorical(), seen);
      forcedNumeric = flags(options.numeric(), seen);
    }

    /** Per column, whether {@code specs} names it, by name or 0-based position (the table reports unknown ones). */
    private boolean[] flags(Set<String> specs, Map<String, Integer> positions) {
      boolean[] named = new boolean[names.size()];
      for (String spec : specs) {
        Integer c = positions.get(spec);
        if (c == null && !spec.isEmpty() && spec.chars().allMatch(Character::isDigit) && spec.length() < 10) {
          c = Integer.parseInt(spec) < names.size() ? Integer.parseInt(spec) : null;
        }
        if (c != null) {
          named[c] = true;
        }
      }
      return named;
    }

    /**
     * Parses a batch of chunks, one per task on the team, and appends their blocks in file order. A column
     * that an earlier batch found to hold text is parsed as text straight away.
     *
     * @param from where the batch's first chunk's records start (past the header in the file's first chunk)
     * @return whether a block failed: reading stops there, and {@link #collect} reports the first failure
     */
    private boolean parse(List<Chunk> batch, int from, List<Block> parsed) {
      byte[] modes = new byte[names.size()];
      for (int c = 0; c < modes.length; c++) {
        modes[c] = forced[c] || textSeen[c] ? CsvBlockParser.TEXT
            : forcedNumeric[c] ? CsvBlockParser.NUMBERS_OR_MISSING : CsvBlockParser.NUMERIC;
      }
      Block[] blocks = new Block[batch.size()];
      team.run(blocks.length, i -> {
        Chunk chunk = batch.get(i);
        int start = i == 0 ? from : 0;
        blocks[i] = CsvBlockParser.parse(chunk.buffer(), start, chunk.length(), chunk.offset() + start, delimiter,
            modes);
      });
      boolean failed = false;
      for (Block block : blocks) {
        for (int c = 0; c < modes.length; c++) {
          textSeen[c] |= block.isText(c);
        }
        failed |= block.failure != null;
        parsed.add(block);
      }
      return failed;
    }

    /** The blocks in file order; throws the first block's error, if any. */
    private List<Block> collect(List<Block> parsed, int headerLines) {
      List<Block> blocks = new ArrayList<>(parsed.size());
      long linesBefore = headerLines;
      for (Block b : parsed) {
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
