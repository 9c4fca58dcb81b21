package dev.boreal.cli.serve;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;

/**
 * Every open connection and the time by which it must finish sending its next request's headers. Jetty reads
 * headers without holding a thread, but a client that sends a byte now and then is never idle, so without a
 * deadline it could hold a connection for as long as it likes; a sweep closes connections past theirs. The
 * count of open connections decides when a request gets 503.
 */
final class ConnectionDeadlines implements Connection.Listener, AutoCloseable {
  /** No deadline: the connection's request is being read or answered. */
  private static final long IN_REQUEST = Long.MAX_VALUE;

  private final Map<Connection, Long> deadlines = new ConcurrentHashMap<>();
  private final long headerNanos;
  private final long idleNanos;
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "boreal-serve-deadlines");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param header time from opening, or from the previous answer after an idle wait, to a request's headers
   * @param idle how long a kept-alive connection may wait idle before its next request starts
   */
  ConnectionDeadlines(Duration header, Duration idle) {
    this.headerNanos = header.toNanos();
    this.idleNanos = idle.toNanos();
    long period = Math.max(10, Math.min(250, header.toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    deadlines.put(connection, System.nanoTime() + headerNanos);
  }

  @Override
  public void onClosed(Connection connection) {
    deadlines.remove(connection);
  }

  /** The connection's request headers have arrived: no deadline while it is read and answered. */
  void requestStarted(Connection connection) {
    deadlines.replace(connection, IN_REQUEST);
  }

  /** The connection's answer is sent: the next request may wait idle, then must send its headers in time. */
  void answered(Connection connection) {
    deadlines.replace(connection, System.nanoTime() + idleNanos + headerNanos);
  }

  /** Connections open now. */
  int open() {
    return deadlines.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    deadlines.forEach((connection, deadline) -> {
      if (deadline != IN_REQUEST && now - deadline > 0) {
        deadlines.remove(connection);
        connection.getEndPoint().close();
      }
    });
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
