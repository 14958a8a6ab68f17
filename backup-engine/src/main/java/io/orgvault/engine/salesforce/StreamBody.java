package io.orgvault.engine.salesforce;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;

/**
 * A request body read from a stream as it is sent, so a large file or CSV upload is never held in
 * memory. A body from a {@link Source} can be sent again (each attempt opens it anew); a body from
 * a plain {@link InputStream} can be sent only while not a byte of it has been taken. A failure of
 * the source itself is kept, so it is reported as the caller's problem and not as a network one.
 */
final class StreamBody {
  /** Opens a fresh copy of a body for each attempt. */
  @FunctionalInterface
  interface Source {
    InputStream open() throws IOException;
  }

  private final Source source;
  private final boolean repeatable;
  private final long length;
  private volatile boolean opened;
  private volatile IOException sourceFailure;

  private StreamBody(Source source, boolean repeatable, long length) {
    this.source = source;
    this.repeatable = repeatable;
    this.length = length;
  }

  /** A body that can be opened for every attempt; {@code length} -1 when unknown (chunked). */
  static StreamBody repeatable(Source source, long length) {
    return new StreamBody(source, true, length);
  }

  /** A body that can be sent once; {@code length} -1 when unknown (chunked). */
  static StreamBody once(Source source, long length) {
    return new StreamBody(source, false, length);
  }

  /** Whether another attempt could send the whole body again. */
  boolean canResend() {
    return repeatable || !opened;
  }

  /** Why reading the source failed during the last attempt, or null. */
  IOException sourceFailure() {
    return sourceFailure;
  }

  HttpRequest.BodyPublisher publisher() {
    HttpRequest.BodyPublisher p = HttpRequest.BodyPublishers.ofInputStream(this::open);
    return length < 0 ? p : HttpRequest.BodyPublishers.fromPublisher(p, length);
  }

  private InputStream open() {
    if (opened && !repeatable) {
      throw new IllegalStateException("a one-shot request body was opened twice");
    }
    opened = true;
    sourceFailure = null;
    try {
      return new FilterInputStream(source.open()) {
        @Override
        public int read() throws IOException {
          try {
            return super.read();
          } catch (IOException e) {
            sourceFailure = e;
            throw e;
          }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          try {
            return super.read(b, off, len);
          } catch (IOException e) {
            sourceFailure = e;
            throw e;
          }
        }
      };
    } catch (IOException e) {
      sourceFailure = e;
      throw new UncheckedIOException(e);
    }
  }
}
