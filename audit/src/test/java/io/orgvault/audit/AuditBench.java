package io.orgvault.audit;

import io.orgvault.audit.checkpoint.Ed25519KeyFile;
import io.orgvault.audit.checkpoint.KeyRing;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.store.AuditStore;
import io.orgvault.audit.syslog.DiskQueue;
import io.orgvault.audit.syslog.FsyncPolicy;
import io.orgvault.audit.syslog.SyslogFormat;
import io.orgvault.audit.verify.ChainVerifier;
import io.orgvault.audit.verify.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Append, verify and queue throughput on the machine's PostgreSQL (schema orgvault_audit_bench,
 * dropped after). Prints figures for docs/benchmarks.md; asserts nothing.
 */
public final class AuditBench {
  static TestDatabase db;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    db = TestDatabase.create("orgvault_audit_bench");
    try (TestDatabase owned = db) {
      AuditStore store = new AuditStore(db.app());
      for (int i = 0; i < 200; i++) {
        store.append(Events.login("warm", i));
      }
      // Held connections, as from web's pool; PGSimpleDataSource would open one per append.
      long t0 = System.nanoTime();
      parallel(1, n, (th, i, c) -> commit(c, store.append(c, Events.login("single", i))));
      report("append, 1 thread, 1 tenant, 1 event per transaction", n, t0);

      t0 = System.nanoTime();
      parallel(
          4,
          n / 4,
          (th, i, c) -> commit(c, store.append(c, Events.login("shared", th * 100_000 + i))));
      report("append, 4 threads, 1 tenant (serialized by its lock)", n, t0);

      t0 = System.nanoTime();
      parallel(4, n / 4, (th, i, c) -> commit(c, store.append(c, Events.login("own-" + th, i))));
      report("append, 4 threads, 4 tenants", n, t0);

      int batches = n * 10 / 100;
      t0 = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        int base = b * 100;
        store.appendAll(
            IntStream.range(0, 100).mapToObj(i -> Events.login("batched", base + i)).toList());
      }
      report("append, batches of 100 events per transaction", batches * 100, t0);

      ChainVerifier v = new ChainVerifier(db.app(), new KeyRing(List.of()));
      t0 = System.nanoTime();
      VerifyResult r = v.verify("batched");
      report(
          "verify a chain (" + r.rowsChecked() + " rows, ok=" + r.ok() + ")", r.rowsChecked(), t0);

      Path keys = Files.createTempDirectory("audit-bench-keys");
      Ed25519KeyFile.generate(keys.resolve("k"), keys.resolve("p"));
      Ed25519KeyFile signer = Ed25519KeyFile.load(keys.resolve("k"), keys.resolve("p"));
      t0 = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        signer.sign(new byte[120]);
      }
      report("Ed25519 checkpoint signatures", 1000, t0);

      SyslogFormat f = SyslogFormat.defaults("bench-host");
      ChainedEvent sample = store.append(Events.login("syslog", 1));
      byte[] msg = f.format(sample);
      System.out.printf("syslog message size for a login event: %d bytes%n", msg.length);
      for (FsyncPolicy p : FsyncPolicy.values()) {
        Path dir = Files.createTempDirectory("audit-bench-queue");
        try (DiskQueue q = DiskQueue.open(dir, 1L << 30, 8 << 20, p)) {
          int m = p == FsyncPolicy.EVERY_RECORD ? n : n * 10;
          t0 = System.nanoTime();
          for (int i = 0; i < m; i++) {
            q.offer(f.format(sample));
          }
          report("disk queue offer, fsync " + p, m, t0);
          t0 = System.nanoTime();
          parallel(4, m / 4, (th, i, c) -> q.offer(msg));
          report("disk queue offer, fsync " + p + ", 4 threads", m, t0);
        }
      }
    }
  }

  interface Step {
    void run(int thread, int i, Connection c) throws Exception;
  }

  static void commit(Connection c, ChainedEvent unused) throws SQLException {
    c.commit();
  }

  static void parallel(int threads, int each, Step s) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int th = t;
        fs.add(
            pool.submit(
                () -> {
                  try (Connection c = db.app().getConnection()) {
                    c.setAutoCommit(false);
                    for (int i = 0; i < each; i++) {
                      s.run(th, i, c);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void report(String what, long count, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%-60s %8d in %6.2f s = %8.0f /s%n", what, count, s, count / s);
  }

  private AuditBench() {}
}
