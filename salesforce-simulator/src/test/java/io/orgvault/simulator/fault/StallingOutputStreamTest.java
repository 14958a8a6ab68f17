package io.orgvault.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StallingOutputStreamTest {
  /** Records how many bytes had been written when each flush came. */
  private static final class Recording extends ByteArrayOutputStream {
    final StringBuilder flushes = new StringBuilder();

    @Override
    public void flush() {
      flushes.append(size()).append(' ');
    }
  }

  @Test
  void sendsTheFirstBytesFlushedThenTheRestUnchanged() throws Exception {
    Recording sink = new Recording();
    byte[] body = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    try (StallingOutputStream out = new StallingOutputStream(sink, 7, Duration.ZERO)) {
      out.write(body, 0, 5);
      out.write(body, 5, 10);
      out.write(body[15]);
      out.write(body, 16, 4);
    }
    assertThat(sink.toByteArray()).isEqualTo(body);
    // The first flush is the stall's: exactly the first 7 bytes were out before it.
    assertThat(sink.flushes.toString()).startsWith("7 ");
  }

  @Test
  void aBodyShorterThanTheLimitNeverStalls() throws Exception {
    Recording sink = new Recording();
    try (StallingOutputStream out = new StallingOutputStream(sink, 100, Duration.ofDays(1))) {
      out.write(new byte[50]);
    }
    assertThat(sink.size()).isEqualTo(50);
  }

  @Test
  void anInterruptedStallFailsTheWrite() {
    Recording sink = new Recording();
    StallingOutputStream out = new StallingOutputStream(sink, 1, Duration.ofDays(1));
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> out.write(new byte[3])).isInstanceOf(InterruptedIOException.class);
      assertThat(sink.size()).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }
}
