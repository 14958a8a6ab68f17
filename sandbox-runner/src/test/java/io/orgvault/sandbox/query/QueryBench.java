package io.orgvault.sandbox.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.browse.RecordHistory;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.sandbox.Sandboxes;
import io.orgvault.sandbox.TenantFixture;
import io.orgvault.sandbox.job.SandboxMain;
import io.orgvault.sandbox.launch.SandboxLauncher;
import io.orgvault.sandbox.launch.TenantSandbox;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.DayRates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Query sandbox latencies (issue [E]): the first request (sandbox and JVM start, store open), then
 * warm record-history, as-of and compare (summary + first page of 100) requests and no-op requests,
 * against the same engine calls in this JVM. Prints figures, asserts nothing. Usage: {@code
 * scripts/bench-query.sh [--contacts N] [--requests R]}.
 */
public final class QueryBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int contacts = 20_000;
    int requests = 500;
    int colds = 5;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--contacts" -> contacts = Integer.parseInt(args[i + 1]);
        case "--requests" -> requests = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("usage: [--contacts N] [--requests R]");
      }
    }
    Path dir = Sandboxes.searchableTempDir("orgvault-query-bench");
    try (TenantFixture t =
            new TenantFixture(
                "bench", Simulator.builder().contacts(contacts).port(0).start(), dir);
        SandboxLauncher plain = Sandboxes.launcher(Sandboxes.config(dir.resolve("plain")));
        SandboxLauncher launcher =
            Sandboxes.launcher(Sandboxes.config(dir.resolve("cds")).withAppCds(true))) {
      backup(t);
      t.sim.simulateDay(DayRates.typical());
      backup(t);
      List<String> ids = new ArrayList<>();
      try (RecordStore store = t.openStore();
          RecordStream rs = store.snapshot(2).records("Contact")) {
        for (Iterator<RecordVersion> it = rs; it.hasNext(); ) {
          ids.add(it.next().id());
        }
      }
      Random random = new Random(7);
      List<String> sample = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        sample.add(ids.get(random.nextInt(ids.size())));
      }
      TenantSandbox box = new TenantSandbox("bench", 61_090, t.volume, Set.of());
      var limits = Sandboxes.testLimits().withWallClock(Duration.ofMinutes(30));

      double[] cold = firstRequests(plain, t, box, limits, colds);
      double[] coldCds = firstRequests(launcher, t, box, limits, colds);

      int compares = Math.max(20, requests / 10);
      java.time.Instant at;
      try (RecordStore store = t.openStore()) {
        at = store.manifest(1).createdAt().plusMillis(1);
      }
      double[] warmHistory = new double[requests];
      double[] warmNoop = new double[requests];
      double[] warmAsOf = new double[requests];
      double[] warmCompare = new double[compares];
      try (QuerySandbox q =
          QuerySandbox.start(launcher, box, t.storeRequest(JobKind.QUERY, "/unused"), limits)) {
        for (String id : sample.subList(0, Math.min(50, requests))) { // JIT warm-up
          q.ask(history(id), Duration.ofSeconds(60));
        }
        for (int i = 0; i < requests; i++) {
          long t0 = System.nanoTime();
          q.ask(history(sample.get(i)), Duration.ofSeconds(60));
          warmHistory[i] = millis(System.nanoTime() - t0);
          long t1 = System.nanoTime();
          q.ask(query("{\"op\":\"backups\"}"), Duration.ofSeconds(60));
          warmNoop[i] = millis(System.nanoTime() - t1);
          long t2 = System.nanoTime();
          q.ask(asOf(sample.get(i), at), Duration.ofSeconds(60));
          warmAsOf[i] = millis(System.nanoTime() - t2);
        }
        for (int i = 0; i < compares + 5; i++) {
          long t0 = System.nanoTime();
          q.ask(query("{\"op\":\"compare-summary\",\"from\":1,\"to\":2}"), Duration.ofSeconds(60));
          q.ask(
              query("{\"op\":\"compare\",\"from\":1,\"to\":2,\"limit\":100}"),
              Duration.ofSeconds(60));
          if (i >= 5) { // the first five warm the JIT
            warmCompare[i - 5] = millis(System.nanoTime() - t0);
          }
        }
      }

      double[] direct = new double[requests];
      double[] directAsOf = new double[requests];
      double[] directCompare = new double[compares];
      try (RecordStore store = t.openStore()) {
        RecordHistory history = new RecordHistory(store);
        for (String id : sample.subList(0, Math.min(50, requests))) {
          history.versions("Contact", id);
        }
        for (int i = 0; i < requests; i++) {
          long t0 = System.nanoTime();
          history.versions("Contact", sample.get(i));
          direct[i] = millis(System.nanoTime() - t0);
          long t1 = System.nanoTime();
          history.asOf("Contact", sample.get(i), at);
          directAsOf[i] = millis(System.nanoTime() - t1);
        }
        for (int i = 0; i < compares + 5; i++) {
          long t0 = System.nanoTime();
          Comparison c = Comparison.between(store, 1, 2);
          c.summary(CompareFilter.ALL);
          c.page(CompareFilter.ALL, null, 100);
          if (i >= 5) {
            directCompare[i - 5] = millis(System.nanoTime() - t0);
          }
        }
      }

      System.out.printf(
          "contacts %d, %d Contact rows in backup 2, %d requests, %d cores%n",
          contacts, ids.size(), requests, Runtime.getRuntime().availableProcessors());
      print("first request (start + open + answer)", cold);
      print("first request, AppCDS archive", coldCds);
      print("history, warm sandbox", warmHistory);
      print("no-op (backups), warm sandbox", warmNoop);
      print("history, in this JVM (no sandbox)", direct);
      print("as-of, warm sandbox", warmAsOf);
      print("as-of, in this JVM", directAsOf);
      print("compare summary + page of 100, sandbox", warmCompare);
      print("compare summary + page of 100, this JVM", directCompare);
    }
  }

  static double[] firstRequests(
      SandboxLauncher launcher,
      TenantFixture t,
      TenantSandbox box,
      io.orgvault.sandbox.launch.ResourceLimits limits,
      int n)
      throws Exception {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      try (QuerySandbox q =
          QuerySandbox.start(launcher, box, t.storeRequest(JobKind.QUERY, "/unused"), limits)) {
        q.ask(query("{\"op\":\"backups\"}"), Duration.ofSeconds(60));
        out[i] = millis(System.nanoTime() - t0);
      }
    }
    return out;
  }

  static void backup(TenantFixture t) {
    int exit =
        SandboxMain.run(
            new ByteArrayInputStream(t.backupRequest(t.volume.toString()).toJson()),
            new PrintStream(new ByteArrayOutputStream()));
    if (exit != 0) {
      throw new IllegalStateException("backup failed: " + exit);
    }
  }

  static ObjectNode history(String id) throws Exception {
    return query("{\"op\":\"history\",\"object\":\"Contact\",\"recordId\":\"" + id + "\"}");
  }

  static ObjectNode asOf(String id, java.time.Instant at) throws Exception {
    return query(
        "{\"op\":\"as-of\",\"object\":\"Contact\",\"recordId\":\""
            + id
            + "\",\"at\":\""
            + at
            + "\"}");
  }

  static ObjectNode query(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  static void print(String what, double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    System.out.printf(
        "%-40s median %8.2f ms  p95 %8.2f ms  max %8.2f ms%n",
        what,
        s[s.length / 2],
        s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)],
        s[s.length - 1]);
  }
}
