package dev.boreal.api;

import dev.boreal.UsageException;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Whether this JVM lets Arrow reach into {@code java.nio}, which Arrow's memory needs: checked once, before
 * the API's first Arrow use. Without the flag Arrow prints a stack trace and then fails every later call with
 * {@code NoClassDefFoundError}, far from the cause; scoring {@code double[]} rows and maps needs no Arrow, so
 * a service would otherwise find out in production.
 */
final class ArrowAccess {
  /** The JVM option Arrow needs, as the README gives it. */
  static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";
  /** Arrow's module: the unnamed module on a class path, Arrow's own on a module path. */
  private static final boolean OPEN =
      ByteBuffer.class.getModule().isOpen("java.nio", BufferAllocator.class.getModule());

  private ArrowAccess() {}

  /**
   * Throws unless Arrow may be used.
   *
   * @throws UsageException naming the missing JVM flag
   */
  static void check() {
    if (!OPEN) {
      throw new UsageException("Arrow (reading files, tables from memory, RowBatch and ArrowFeatures) needs the "
          + "JVM option " + FLAG + " on the java command line; scoring double[] rows and maps does not.");
    }
  }
}
