package io.orgvault.engine.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} whose every wait for more bytes is bounded: when the
 * server sends nothing for the body read timeout, the read throws {@link StalledResponseException}
 * and the exchange is cancelled. The JDK's {@code BodyHandlers.ofInputStream()} waits forever on a
 * connection that hangs mid-body ({@code HttpRequest.timeout} covers the response headers only).
 *
 * <p>Bounded memory: one list of buffers is requested from the connection at a time, and the next
 * only when the reader has taken the previous one.
 */
final class InactivityGuardedBody extends InputStream
    implements HttpResponse.BodySubscriber<InputStream> {
  /** Marks the end of the body (or its failure) in the queue; compared by identity. */
  private static final List<ByteBuffer> END = new ArrayList<>(0);

  private final String endpoint;
  private final Duration timeout;
  private final BlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
  private volatile Flow.Subscription subscription;
  private volatile Throwable failure;
  private volatile boolean closed;
  private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
  private ByteBuffer current;
  private boolean ended;

  private InactivityGuardedBody(String endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  /** A body handler whose bodies stall out after {@code timeout} without bytes. */
  static HttpResponse.BodyHandler<InputStream> handler(String endpoint, Duration timeout) {
    return info -> new InactivityGuardedBody(endpoint, timeout);
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (closed) {
      s.cancel();
      return;
    }
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.offer(item);
  }

  @Override
  public void onError(Throwable t) {
    failure = t;
    queue.offer(END);
  }

  @Override
  public void onComplete() {
    queue.offer(END);
  }

  /** The buffer to read from, or null at the end of the body. */
  private ByteBuffer next() throws IOException {
    while (current == null || !current.hasRemaining()) {
      if (closed) {
        throw new IOException("the response body of " + endpoint + " is closed");
      }
      if (buffers.hasNext()) {
        current = buffers.next();
        continue;
      }
      if (ended) {
        return null;
      }
      List<ByteBuffer> item;
      try {
        item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new InterruptedIOException("interrupted while reading " + endpoint);
      }
      if (item == null) {
        close();
        throw new StalledResponseException(endpoint, timeout);
      }
      if (item == END) {
        ended = true;
        Throwable t = failure;
        if (t != null) {
          throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        }
        return null;
      }
      buffers = item.iterator();
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
    }
    return current;
  }

  @Override
  public int read() throws IOException {
    ByteBuffer b = next();
    return b == null ? -1 : b.get() & 0xFF;
  }

  @Override
  public int read(byte[] dst, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    ByteBuffer b = next();
    if (b == null) {
      return -1;
    }
    int n = Math.min(len, b.remaining());
    b.get(dst, off, n);
    return n;
  }

  @Override
  public int available() {
    ByteBuffer b = current;
    return b == null ? 0 : b.remaining();
  }

  /** Ends the exchange: the connection stops delivering and is not reused mid-body. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.clear();
  }
}
