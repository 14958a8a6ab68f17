package io.orgvault.simulator.fault;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes on the first {@code limit} bytes of a response and drops the rest: a cut-off body. */
public final class TruncatingOutputStream extends FilterOutputStream {
  private long remaining;

  public TruncatingOutputStream(OutputStream out, long limit) {
    super(out);
    this.remaining = limit;
  }

  @Override
  public void write(int b) throws IOException {
    if (remaining > 0) {
      remaining--;
      out.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int n = (int) Math.min(len, Math.max(0, remaining));
    if (n > 0) {
      out.write(b, off, n);
      remaining -= n;
    }
  }
}
