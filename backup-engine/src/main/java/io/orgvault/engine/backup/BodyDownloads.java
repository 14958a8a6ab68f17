package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.BlobRef;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads file bodies into the store's blobs on a fixed pool shared by the run's objects, so several
 * HTTPS calls are in flight at once (each body is one call that mostly waits on the network).
 * Memory per body in flight is the blob store's one chunk buffer; callers bound how many they have
 * submitted and not yet collected.
 */
final class BodyDownloads implements AutoCloseable {
  /** How long reading threads may take to notice the interrupt when the run ends. */
  private static final long STOP_WAIT_SECONDS = 60;

  private final SalesforceClient client;
  private final BackupWriter writer;
  private final ExecutorService pool;
  private final int concurrency;

  BodyDownloads(SalesforceClient client, BackupWriter writer, int concurrency) {
    this.client = client;
    this.writer = writer;
    this.concurrency = concurrency;
    this.pool = Executors.newFixedThreadPool(concurrency, daemons("orgvault-body-"));
  }

  /** How many bodies are read at once. */
  int concurrency() {
    return concurrency;
  }

  /**
   * Starts reading one body; the future gives its reference in the store. A body that breaks off or
   * stalls is read again by the client (see {@link SalesforceClient#readBlob}).
   */
  Future<BlobRef> submit(String object, String id, String field) {
    return pool.submit(() -> client.readBlob(object, id, field, writer::writeBlob));
  }

  /**
   * Stops the pool; bodies still being read are interrupted (the run is over or abandoned), and
   * their threads have ended before this returns, so none writes into the store after the backup
   * was closed and its volume lock released.
   */
  @Override
  public void close() {
    pool.shutdownNow();
    try {
      if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "file body threads did not stop within " + STOP_WAIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
