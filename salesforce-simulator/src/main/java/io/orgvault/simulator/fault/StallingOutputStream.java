package io.orgvault.simulator.fault;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Passes on the first {@code after} bytes of a response, flushes them, then sends nothing for
 * {@code stall} before passing on the rest: a body that hangs part-way. A client that gives up
 * closes the connection, and the writes after the stall then fail as for any closed connection.
 */
public final class StallingOutputStream extends FilterOutputStream {
  private final Duration stall;
  private long remaining;
  private boolean stalled;

  public StallingOutputStream(OutputStream out, long after, Duration stall) {
    super(out);
    this.remaining = after;
    this.stall = stall;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int before = (int) Math.min(len, remaining);
    if (before > 0) {
      out.write(b, off, before);
      remaining -= before;
    }
    if (before < len) {
      stallOnce();
      out.write(b, off + before, len - before);
    }
  }

  private void stallOnce() throws IOException {
    if (stalled) {
      return;
    }
    stalled = true;
    out.flush();
    try {
      Thread.sleep(stall.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stopped while stalling a response");
    }
  }
}
