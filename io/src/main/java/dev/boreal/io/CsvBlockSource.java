package dev.boreal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads delimited text from a file channel in blocks that end on record boundaries, so each block can
 * be parsed on its own. The bytes after a block's last complete record are carried into the next block;
 * a record longer than a block grows the buffer until it fits.
 */
final class CsvBlockSource {
  private final FileChannel channel;
  private final byte delimiter;
  private long readPosition;
  private byte[] carry = new byte[0];
  private int carryLength;
  private long carryOffset;
  private boolean endOfFile;

  /** The records of one block: {@code buffer[0, length)}, which starts at {@code offset} in the file. */
  record Chunk(byte[] buffer, int length, long offset) {}

  CsvBlockSource(FileChannel channel, long start, byte delimiter) {
    this.channel = channel;
    this.delimiter = delimiter;
    this.readPosition = start;
    this.carryOffset = start;
  }

  /**
   * Fills {@code buffer} with the next complete records, or a larger buffer when one record does not
   * fit; {@code null} when the file has no more bytes.
   */
  Chunk next(byte[] buffer) throws IOException {
    if (endOfFile && carryLength == 0) {
      return null;
    }
    byte[] b = buffer.length > carryLength ? buffer : new byte[Math.max(buffer.length, carryLength) * 2];
    System.arraycopy(carry, 0, b, 0, carryLength);
    int n = carryLength;
    long offset = carryOffset;
    for (;;) {
      n = fill(b, n);
      if (endOfFile) {
        carryLength = 0;
        return n == 0 ? null : new Chunk(b, n, offset);
      }
      int cut = CsvTokenizer.lastRecordEnd(b, 0, n, delimiter);
      if (cut > 0) {
        carryLength = n - cut;
        if (carry.length < carryLength) {
          carry = new byte[Math.max(carryLength, carry.length * 2)];
        }
        System.arraycopy(b, cut, carry, 0, carryLength);
        carryOffset = offset + cut;
        return new Chunk(b, cut, offset);
      }
      b = Arrays.copyOf(b, b.length * 2);
    }
  }

  /** Reads into {@code b[n, b.length)} until it is full or the file ends; returns the new fill level. */
  private int fill(byte[] b, int n) throws IOException {
    ByteBuffer target = ByteBuffer.wrap(b, n, b.length - n);
    while (target.hasRemaining()) {
      int read = channel.read(target, readPosition);
      if (read < 0) {
        endOfFile = true;
        break;
      }
      readPosition += read;
    }
    return target.position();
  }

  /** Reads {@code length} bytes at {@code offset}, to parse a block a second time. */
  static byte[] readRange(FileChannel channel, long offset, int length) throws IOException {
    byte[] b = new byte[length];
    ByteBuffer target = ByteBuffer.wrap(b);
    while (target.hasRemaining()) {
      if (channel.read(target, offset + target.position()) < 0) {
        throw new IOException("the file became shorter while it was being read");
      }
    }
    return b;
  }
}
