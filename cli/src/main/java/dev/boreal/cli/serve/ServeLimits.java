package dev.boreal.cli.serve;

import java.time.Duration;

/**
 * What one client may take from the scoring server: how long it may spend sending a request's headers and
 * its body, how long a kept-alive connection may sit idle, how many connections may be open at once, and how
 * large and how deeply nested a body may be. Slow or idle clients hold a connection, never a scoring thread,
 * and these limits bound how long they hold it.
 *
 * @param threads scoring threads: requests scored at once (more wait for a free thread)
 * @param maxBody largest request body, in bytes (413 beyond)
 * @param maxConnections open connections served; a request on a connection beyond them gets 503
 * @param headerTimeout time from a connection's opening, or from its previous answer, to the end of the next
 *     request's headers; the connection is closed when it passes
 * @param bodyTimeout time from the end of the headers to the end of the body (408 when it passes)
 * @param idleTimeout time without a byte in either direction after which a connection is closed
 * @param maxJsonDepth deepest nesting of arrays and objects in a body (400 beyond)
 */
public record ServeLimits(int threads, long maxBody, int maxConnections, Duration headerTimeout,
    Duration bodyTimeout, Duration idleTimeout, int maxJsonDepth) {

  /** The body limit (1 MiB) when none is given. */
  public static final long DEFAULT_MAX_BODY = 1L << 20;
  /** The connection limit when none is given. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  /** The header timeout when none is given, in seconds. */
  public static final int DEFAULT_HEADER_SECONDS = 10;
  /** The body timeout when none is given, in seconds. */
  public static final int DEFAULT_BODY_SECONDS = 30;
  /** The idle timeout when none is given, in seconds. */
  public static final int DEFAULT_IDLE_SECONDS = 60;
  /** A request body is rows of flat objects; a few levels suffice, and deep nesting only costs the parser. */
  public static final int DEFAULT_MAX_JSON_DEPTH = 32;

  /** Checks every limit is positive. */
  public ServeLimits {
    if (threads < 1 || maxBody < 1 || maxConnections < 1 || maxJsonDepth < 1) {
      throw new IllegalArgumentException("threads, body size, connections and JSON depth must be positive");
    }
    if (!isPositive(headerTimeout) || !isPositive(bodyTimeout) || !isPositive(idleTimeout)) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** The defaults, with {@code threads} scoring threads. */
  public static ServeLimits defaults(int threads) {
    return new ServeLimits(threads, DEFAULT_MAX_BODY, DEFAULT_MAX_CONNECTIONS,
        Duration.ofSeconds(DEFAULT_HEADER_SECONDS), Duration.ofSeconds(DEFAULT_BODY_SECONDS),
        Duration.ofSeconds(DEFAULT_IDLE_SECONDS), DEFAULT_MAX_JSON_DEPTH);
  }

  /** These limits with another body size limit. */
  public ServeLimits withMaxBody(long bytes) {
    return new ServeLimits(threads, bytes, maxConnections, headerTimeout, bodyTimeout, idleTimeout, maxJsonDepth);
  }

  /** These limits with another connection limit. */
  public ServeLimits withMaxConnections(int connections) {
    return new ServeLimits(threads, maxBody, connections, headerTimeout, bodyTimeout, idleTimeout, maxJsonDepth);
  }

  /** These limits with other header, body and idle timeouts. */
  public ServeLimits withTimeouts(Duration header, Duration body, Duration idle) {
    return new ServeLimits(threads, maxBody, maxConnections, header, body, idle, maxJsonDepth);
  }

  private static boolean isPositive(Duration d) {
    return d != null && !d.isNegative() && !d.isZero();
  }
}
