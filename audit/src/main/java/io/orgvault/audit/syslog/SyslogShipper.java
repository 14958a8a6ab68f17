package io.orgvault.audit.syslog;

import io.orgvault.audit.AuditSink;
import io.orgvault.audit.event.ChainedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;

/**
 * Ships every event to the central syslog server as RFC 5424 over TLS with RFC 5425 octet counting
 * ({@code MSG-LEN SP SYSLOG-MSG}). {@link #accept} only formats the event and puts it in the {@link
 * DiskQueue}; one thread delivers the queue in order, reconnecting with backoff while the server is
 * down, so nothing accepted is lost and delivery resumes where it stopped, also after a restart of
 * this process.
 *
 * <p>Syslog over TLS has no acknowledgement, so a batch counts as delivered only when, after it was
 * written, the connection is seen still open (a read that times out rather than finding the
 * server's close). A batch written into a connection the server was closing is sent again on the
 * next one: at-least-once, duplicates possible only in that window and recognisable by tenant and
 * seq.
 */
public final class SyslogShipper implements AuditSink, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SyslogShipper.class.getName());
  private static final int BATCH = 500;

  private final SyslogFormat format;
  private final DiskQueue queue;
  private final SyslogTarget target;
  private final Duration confirmDelay;
  private final Duration maxBackoff;
  private final Thread thread;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private volatile boolean running = true;
  private volatile SSLSocket current;

  /**
   * @param confirmDelay how long to watch a connection for the server's close after a write
   * @param maxBackoff the longest wait between reconnection attempts
   */
  public SyslogShipper(
      SyslogFormat format,
      DiskQueue queue,
      SyslogTarget target,
      Duration confirmDelay,
      Duration maxBackoff) {
    this.format = format;
    this.queue = queue;
    this.target = target;
    this.confirmDelay = confirmDelay;
    this.maxBackoff = maxBackoff;
    this.thread = new Thread(this::deliverLoop, "audit-syslog-" + target);
    this.thread.setDaemon(true);
  }

  /** Confirm delay 20 ms, reconnect backoff up to 5 s. */
  public static SyslogShipper start(SyslogFormat format, DiskQueue queue, SyslogTarget target) {
    SyslogShipper s =
        new SyslogShipper(format, queue, target, Duration.ofMillis(20), Duration.ofSeconds(5));
    s.start();
    return s;
  }

  public void start() {
    thread.start();
  }

  /**
   * Queues the event for delivery. When the queue is full (or its disk fails) the event is not
   * queued: the refusal is counted ({@link #refused}) and logged, the event stays in the chain.
   */
  @Override
  public void accept(ChainedEvent event) {
    boolean ok;
    try {
      ok = queue.offer(format.format(event));
    } catch (IOException e) {
      lastError.set("queue: " + e.getMessage());
      ok = false;
    }
    if (!ok) {
      long n = refused.incrementAndGet();
      // One line per thousand refusals, so a full queue does not flood the log.
      if (n % 1000 == 1) {
        LOG.warning(
            "syslog queue full or failing: event refused (tenant "
                + event.event().tenantId()
                + " seq "
                + event.seq()
                + "), "
                + n
                + " refused so far");
      }
    }
  }

  /** Events confirmed delivered since start. */
  public long delivered() {
    return delivered.get();
  }

  /** Events refused since start because the queue was full or failing. */
  public long refused() {
    return refused.get();
  }

  /** Successful connections since start (1 + reconnections). */
  public long connects() {
    return connects.get();
  }

  /** The last delivery error, if any, for health checks. */
  public String lastError() {
    return lastError.get();
  }

  /** Bytes waiting in the queue. */
  public long pendingBytes() {
    return queue.usedBytes();
  }

  private void deliverLoop() {
    SSLSocket socket = null;
    QueuePosition sent = queue.acked();
    int sentCount = 0;
    long backoff = 100;
    while (running) {
      try {
        if (socket == null) {
          socket = target.connect();
          current = socket;
          connects.incrementAndGet();
          backoff = 100;
          sent = queue.acked();
          sentCount = 0;
        }
        if (!stillOpen(socket)) {
          throw new IOException("the server closed the connection");
        }
        if (sentCount > 0) {
          queue.ack(sent);
          delivered.addAndGet(sentCount);
          sentCount = 0;
        }
        DiskQueue.Batch b = queue.read(sent, BATCH, 200);
        if (b.records().isEmpty()) {
          continue;
        }
        OutputStream out = socket.getOutputStream();
        for (byte[] r : b.records()) {
          out.write((r.length + " ").getBytes(StandardCharsets.US_ASCII));
          out.write(r);
        }
        out.flush();
        sent = b.next();
        sentCount = b.records().size();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (IOException | RuntimeException e) {
        if (!running) {
          break;
        }
        lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
        LOG.log(Level.FINE, "syslog delivery to " + target + " failed", e);
        closeQuietly(socket);
        socket = null;
        sentCount = 0;
        sleep(backoff);
        backoff = Math.min(backoff * 2, maxBackoff.toMillis());
      }
    }
    // A last confirmation so a clean stop does not send the final batch twice after a restart.
    try {
      if (socket != null && sentCount > 0 && stillOpen(socket)) {
        queue.ack(sent);
        delivered.addAndGet(sentCount);
      }
    } catch (IOException e) {
      lastError.set(e.getMessage());
    }
    closeQuietly(socket);
  }

  /** A syslog server never sends: a read times out on a live connection, ends on a closed one. */
  private boolean stillOpen(SSLSocket s) throws IOException {
    s.setSoTimeout((int) Math.max(1, confirmDelay.toMillis()));
    InputStream in = s.getInputStream();
    try {
      return in.read() >= 0;
    } catch (SocketTimeoutException e) {
      return true;
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static void closeQuietly(SSLSocket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing a dead connection: nothing to do.
      }
    }
  }

  /** Stops delivery (confirming the last batch if it can) and closes the queue. */
  @Override
  public void close() throws IOException {
    running = false;
    queue.wakeUp();
    try {
      thread.join(5_000);
      if (thread.isAlive()) {
        // Blocked writing to a server that stopped reading: closing the socket frees it.
        closeQuietly(current);
        thread.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.close();
  }
}
