package dev.boreal.cli.serve;

import sun.misc.Signal;

/**
 * SIGHUP as a reload request, the Unix convention for servers. The JVM has no public API for signals; the
 * {@code jdk.unsupported} module's {@code sun.misc.Signal} is the supported way to catch one.
 */
public final class ReloadSignal {
  private ReloadSignal() {}

  /**
   * Runs {@code reload} on each SIGHUP instead of letting the signal end the JVM. Where the platform has no
   * SIGHUP (Windows), does nothing.
   */
  public static void install(Runnable reload) {
    try {
      Signal.handle(new Signal("HUP"), signal -> reload.run());
    } catch (IllegalArgumentException e) {
      // No SIGHUP here, or the JVM reserves it (-Xrs): reloading stays available as POST /reload.
    }
  }
}
