package io.orgvault.engine.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.salesforce.ClientOptions;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.TokenSource;
import io.orgvault.engine.salesforce.TrustStores;
import io.orgvault.engine.store.PruneOptions;
import io.orgvault.engine.store.PruneReport;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RetentionPolicy;
import io.orgvault.engine.store.StoreOptions;
import io.orgvault.engine.store.VerifyReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.net.ssl.SSLContext;

/**
 * The end-to-end backup benchmark of issue [B] ({@code scripts/bench-backup.sh}): starts the
 * simulator in its own process (so this JVM's {@code -Xmx} limits the engine alone), runs a full
 * backup into a fresh store, then one incremental backup per simulated day. Prints figures, asserts
 * nothing. Lives in test scope, like {@code StoreBench}, so the shipped engine holds no benchmark
 * code that starts processes.
 *
 * <p>Arguments: {@code --sim-jar PATH [--contacts N] [--days D] [--sim-heap 2g] [--buffer-bytes B]
 * [--parallelism P] [--body-downloads K] [--change-scales F1,F2,...] [--prune-keep-last K]
 * [--keep-store DIR]}: the store's sort buffer (default 64 MB as in the CLI, shared by the objects
 * extracted at once), the run's concurrency (defaults as in the CLI), the change rate of each day
 * as a multiple of {@code DayRates.typical()} (day d uses the ((d - 1) mod n)-th factor; default
 * 1), and with {@code --prune-keep-last} a prune with retention "keep the last K" and compaction
 * after the last day, with the store size before and after; with {@code --keep-store} the store and
 * its KEK file are left in DIR.
 */
public final class BackupBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TENANT = "bench";
  private static StoreOptions storeOptions = StoreOptions.defaults();
  private static int pruneKeepLast = -1;
  private static Path keepStore;
  private static BackupOptions backupOptions = BackupOptions.defaults();
  private static double[] changeScales = {1.0};

  public static void main(String[] args) throws Exception {
    Path simJar = null;
    int contacts = 500_000;
    int days = 30;
    String simHeap = "2g";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sim-jar" -> simJar = Path.of(args[++i]);
        case "--contacts" -> contacts = Integer.parseInt(args[++i]);
        case "--days" -> days = Integer.parseInt(args[++i]);
        case "--sim-heap" -> simHeap = args[++i];
        case "--prune-keep-last" -> pruneKeepLast = Integer.parseInt(args[++i]);
        case "--keep-store" -> keepStore = Path.of(args[++i]);
        case "--buffer-bytes" ->
            storeOptions = storeOptions.withBufferBytes(Long.parseLong(args[++i]));
        case "--parallelism" ->
            backupOptions = backupOptions.withParallelism(Integer.parseInt(args[++i]));
        case "--body-downloads" ->
            backupOptions = backupOptions.withBodyDownloads(Integer.parseInt(args[++i]));
        case "--change-scales" ->
            changeScales =
                java.util.Arrays.stream(args[++i].split(","))
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (simJar == null) {
      throw new IllegalArgumentException("--sim-jar is required");
    }
    // --keep-store DIR: build the store in DIR (which must not exist) and leave it there, with its
    // KEK file, for the read benchmarks (CompareBench).
    Path dir = keepStore == null ? Files.createTempDirectory("orgvault-bench") : keepStore;
    if (keepStore != null) {
      Files.createDirectory(keepStore);
    }
    Path volume = dir.resolve("volume");
    Path kekFile = dir.resolve("kek");
    Path pem = dir.resolve("simulator.pem");
    FileKeyEncryptionKey.generate(kekFile);
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(kekFile)) {
      RecordStore.create(volume, TENANT, kek).close();
    }

    Process simProcess =
        new ProcessBuilder(
                javaBin(),
                "-Xmx" + simHeap,
                "-jar",
                simJar.toString(),
                "--port",
                "0",
                "--size",
                Integer.toString(contacts),
                "--cert-out",
                pem.toString(),
                "--stdin-control")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      SimControl sim = new SimControl(simProcess);
      run(sim, volume, kekFile, pem, contacts, days);
      sim.quit();
    } finally {
      simProcess.destroy();
      simProcess.waitFor();
      if (keepStore == null) {
        deleteTree(dir);
      } else {
        Files.deleteIfExists(pem);
      }
    }
  }

  private static void run(
      SimControl sim, Path volume, Path kekFile, Path pem, int contacts, int days)
      throws Exception {
    System.out.printf(
        Locale.ROOT,
        "engine JVM: max heap %d MB, %d cores; store buffer %,d bytes; parallelism %d objects, %d"
            + " file bodies; day change scales %s; simulator: %s, rows %s%n",
        Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors(),
        storeOptions.bufferBytes(),
        backupOptions.parallelism(),
        backupOptions.bodyDownloads(),
        java.util.Arrays.toString(changeScales),
        sim.url,
        sim.rows);
    SSLContext tls = trusting(pem);
    String orgId = sim.orgId;

    resetPeaks();
    long before = size(volume);
    long t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    ObjectTimer fullTimer = new ObjectTimer();
    BackupResult full = backup(sim, tls, volume, kekFile, orgId, fullTimer);
    double fullSeconds = (System.nanoTime() - t0) / 1e9;
    double fullCpu = (cpuNanos() - cpu0) / 1e9;
    long afterFull = size(volume);
    long fullRows = full.rowsWritten();
    System.out.printf(
        Locale.ROOT,
        "full: committed %s, rows %,d, tombstones %,d, blobs %,d (%,d bytes), %.1f s, %,.0f rows/s,"
            + " engine CPU %.1f s (%,.0f rows per CPU second),"
            + " store %,d bytes (%.1f bytes/row), API calls %,d, heap peak %d MB, retained after GC %d MB%s%n",
        full.committed(),
        fullRows,
        full.tombstones(),
        full.objects().stream().mapToLong(ObjectOutcome::blobs).sum(),
        full.objects().stream().mapToLong(ObjectOutcome::blobBytes).sum(),
        fullSeconds,
        fullRows / fullSeconds,
        fullCpu,
        fullRows / Math.max(1e-9, fullCpu),
        afterFull - before,
        (afterFull - before) / (double) Math.max(1, fullRows),
        full.apiCallsUsed(),
        peakHeapMb(),
        retainedHeapMb(),
        full.stopReason() == null ? "" : ", stopped: " + full.stopReason());
    for (ObjectOutcome o : full.objects()) {
      System.out.printf(
          Locale.ROOT,
          "  %-28s %-4s rows %,10d  blobs %,6d  %6.1f s  %,6.0f API calls%s%n",
          o.object(),
          o.method(),
          o.rowsWritten(),
          o.blobs(),
          fullTimer.byObject.getOrDefault(o.object(), new double[2])[0],
          fullTimer.byObject.getOrDefault(o.object(), new double[2])[1],
          o.failure() == null ? "" : "  FAILED: " + o.failure());
    }

    System.out.println(
        "day | changed rows (upd+del+ins+undel+files) | rows stored | tombstones | seconds |"
            + " engine CPU s | API calls | store growth bytes | heap peak / retained MB | objects"
            + " taking ≥ 1 s or ≥ 50 calls");
    List<double[]> perDay = new ArrayList<>();
    long maxPeak = peakHeapMb();
    long maxRetained = retainedHeapMb();
    for (int d = 1; d <= days; d++) {
      double scale = changeScales[(d - 1) % changeScales.length];
      JsonNode report = sim.day(scale);
      long changed =
          report.get("updated").asLong()
              + report.get("deleted").asLong()
              + report.get("inserted").asLong()
              + report.get("undeleted").asLong()
              + report.get("newFiles").asLong();
      resetPeaks();
      long b = size(volume);
      long t = System.nanoTime();
      long c = cpuNanos();
      ObjectTimer timer = new ObjectTimer();
      BackupResult r = backup(sim, tls, volume, kekFile, orgId, timer);
      double seconds = (System.nanoTime() - t) / 1e9;
      double cpu = (cpuNanos() - c) / 1e9;
      long growth = size(volume) - b;
      long peak = peakHeapMb();
      maxPeak = Math.max(maxPeak, peak);
      maxRetained = Math.max(maxRetained, retainedHeapMb());
      StringBuilder slow = new StringBuilder();
      timer.byObject.forEach(
          (object, x) -> {
            if (x[0] >= 1 || x[1] >= 50) {
              slow.append(String.format(Locale.ROOT, " %s %.1f s %.0f calls;", object, x[0], x[1]));
            }
          });
      perDay.add(
          new double[] {
            changed, r.rowsWritten(), r.tombstones(), seconds, r.apiCallsUsed(), growth
          });
      System.out.printf(
          Locale.ROOT,
          "%d | %,d (%d+%d+%d+%d+%d) | %,d | %,d | %.2f | %.2f | %,d | %,d | %d / %d |%s%s%n",
          d,
          changed,
          report.get("updated").asLong(),
          report.get("deleted").asLong(),
          report.get("inserted").asLong(),
          report.get("undeleted").asLong(),
          report.get("newFiles").asLong(),
          r.rowsWritten(),
          r.tombstones(),
          seconds,
          cpu,
          r.apiCallsUsed(),
          growth,
          peak,
          retainedHeapMb(),
          slow,
          r.committed() ? "" : " NOT COMMITTED: " + r.stopReason());
    }
    double avgSecondsAfterFirst =
        perDay.stream().skip(1).mapToDouble(x -> x[3]).average().orElse(0);
    double avgChanged = perDay.stream().mapToDouble(x -> x[0]).average().orElse(0);
    double avgSeconds = perDay.stream().mapToDouble(x -> x[3]).average().orElse(0);
    double avgCalls = perDay.stream().mapToDouble(x -> x[4]).average().orElse(0);
    double avgGrowth = perDay.stream().mapToDouble(x -> x[5]).average().orElse(0);
    double secondsPerChanged =
        perDay.stream().mapToDouble(x -> x[3]).sum()
            / Math.max(1, perDay.stream().mapToDouble(x -> x[0]).sum());
    long finalSize = size(volume);
    System.out.printf(
        Locale.ROOT,
        "average over %d days: %,.0f changed rows/day, incremental %.2f s (%.2f s without day 1; %.1f"
            + " µs per changed row), %,.0f API calls, store growth %,.0f bytes/day (%.2f MB);"
            + " store now %,d bytes; heap peak %d MB, retained after GC at most %d MB%n",
        days,
        avgChanged,
        avgSeconds,
        avgSecondsAfterFirst,
        secondsPerChanged * 1e6,
        avgCalls,
        avgGrowth,
        avgGrowth / 1e6,
        finalSize,
        maxPeak,
        maxRetained);

    System.out.println();
    System.out.println("| figure | target | measured |");
    System.out.println("|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| full backup, %,d Contacts (%,d rows) | ≥ 50k records/s | %,.0f rows/s (%.1f s, %,d API"
            + " calls) |%n",
        contacts,
        fullRows,
        fullRows / fullSeconds,
        fullSeconds,
        full.apiCallsUsed());
    System.out.printf(
        Locale.ROOT,
        "| incremental, %d days (avg %,.0f changed rows/day) | proportional to changed rows | avg %.2f"
            + " s (%.2f s without day 1; %.1f µs per changed row) |%n",
        days,
        avgChanged,
        avgSeconds,
        avgSecondsAfterFirst,
        secondsPerChanged * 1e6);
    System.out.printf(
        Locale.ROOT,
        "| store growth per day | ≤ 1.4 MB | %.2f MB (avg of %d days) |%n",
        avgGrowth / 1e6,
        days);
    System.out.printf(
        Locale.ROOT,
        "| engine heap | runs with -Xmx256m | ran with -Xmx%dm; heap peak %d MB, at most %d MB"
            + " retained after a GC |%n",
        Runtime.getRuntime().maxMemory() >> 20,
        maxPeak,
        maxRetained);
    System.out.printf(
        Locale.ROOT, "| API calls per incremental | printed | avg %,.0f |%n", avgCalls);
    if (pruneKeepLast >= 0) {
      prune(volume, kekFile, pruneKeepLast);
    }
  }

  /**
   * Retention (one backup a day, so "keep the last K" is "keep K daily": the bench's backups all
   * fall on one calendar day) with compaction, then verify.
   */
  private static void prune(Path volume, Path kekFile, int keepLast) throws IOException {
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(kekFile);
        RecordStore store = RecordStore.open(volume, TENANT, kek, storeOptions)) {
      int backups = store.backups().size();
      long before = size(volume);
      long t = System.nanoTime();
      PruneReport r =
          store.prune(new PruneOptions(new RetentionPolicy(0, 0, keepLast), true, false));
      double seconds = (System.nanoTime() - t) / 1e9;
      long after = size(volume);
      t = System.nanoTime();
      VerifyReport v = store.verify();
      double verifySeconds = (System.nanoTime() - t) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "prune --keep-last %d --compact: %d of %d backups dropped; %d merges, %,d small segments"
              + " (%,d bytes) into %,d (%,d bytes); GC removed %d manifests, %d segments, %d chunks;"
              + " store %,d -> %,d bytes (-%.1f %%) in %.2f s; verify %s in %.2f s%n",
          keepLast,
          r.dropped().size(),
          backups,
          r.compactions().size(),
          r.compactions().stream().mapToLong(PruneReport.Compaction::inputSegments).sum(),
          r.compactions().stream().mapToLong(PruneReport.Compaction::inputBytes).sum(),
          r.compactions().stream().mapToLong(PruneReport.Compaction::outputSegments).sum(),
          r.compactions().stream().mapToLong(PruneReport.Compaction::outputBytes).sum(),
          r.gc().manifests(),
          r.gc().segments(),
          r.gc().chunks(),
          before,
          after,
          100.0 * (before - after) / before,
          seconds,
          v.ok() ? "ok" : "FOUND DAMAGE " + v.damages(),
          verifySeconds);
      System.out.printf(
          Locale.ROOT,
          "| store after retention (keep last %d of %d) + compaction | — | %.1f MB → %.1f MB"
              + " (−%.1f %%), prune %.1f s |%n",
          keepLast,
          backups,
          before / 1e6,
          after / 1e6,
          100.0 * (before - after) / before,
          seconds);
    }
  }

  /**
   * One run as the CLI does it: a fresh session and client (so the API calls counted are this
   * run's), the store opened and closed around the run, the client's default options.
   */
  private static BackupResult backup(
      SimControl sim, SSLContext tls, Path volume, Path kekFile, String orgId, ObjectTimer timer)
      throws IOException {
    SalesforceClient client =
        SalesforceClient.connect(
            TokenSource.fixed(sim.token(), sim.url), tls, ClientOptions.builder().build());
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(kekFile);
        RecordStore store = RecordStore.open(volume, TENANT, kek, storeOptions)) {
      return new BackupJob(client, store, orgId, backupOptions, timer).run();
    }
  }

  /**
   * CPU time of this JVM (the engine; the simulator is another process): unlike elapsed time it
   * hardly changes when other jobs share the cores.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      ks.setCertificateEntry(
          "simulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    return TrustStores.trusting(ks);
  }

  private static final HeapWatch HEAP = new HeapWatch();

  private static void resetPeaks() {
    HEAP.reset();
  }

  /** The most heap in use when a collection started since the last reset (the peak reached). */
  private static long peakHeapMb() {
    return HEAP.maxBefore.get() >> 20;
  }

  /** The most heap still in use after a collection since the last reset (what the run retained). */
  private static long retainedHeapMb() {
    return HEAP.maxAfter.get() >> 20;
  }

  /** Heap use at each garbage collection, from the collectors' notifications. */
  private static final class HeapWatch implements NotificationListener {
    final AtomicLong maxBefore = new AtomicLong();
    final AtomicLong maxAfter = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();

    HeapWatch() {
      for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
        if (p.getType() == MemoryType.HEAP) {
          heapPools.add(p.getName());
        }
      }
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) gc).addNotificationListener(this, null, null);
      }
    }

    void reset() {
      System.gc();
      maxBefore.set(0);
      maxAfter.set(0);
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        return;
      }
      GcInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
      maxBefore.accumulateAndGet(heap(info.getMemoryUsageBeforeGc()), Math::max);
      maxAfter.accumulateAndGet(heap(info.getMemoryUsageAfterGc()), Math::max);
    }

    private long heap(Map<String, MemoryUsage> pools) {
      long sum = 0;
      for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
        if (heapPools.contains(e.getKey())) {
          sum += e.getValue().getUsed();
        }
      }
      return sum;
    }
  }

  /** Seconds and API calls per object, from the run's progress events. */
  private static final class ObjectTimer implements ProgressSink {
    final Map<String, double[]> byObject = new LinkedHashMap<>();
    private final Map<String, ProgressEvent> started = new HashMap<>();

    @Override
    public synchronized void accept(ProgressEvent e) {
      if (e.object() == null) {
        return;
      }
      if (e.type().equals("object-started")) {
        started.put(e.object(), e);
      } else if (e.type().equals("object-done") && started.containsKey(e.object())) {
        ProgressEvent s = started.get(e.object());
        byObject.put(
            e.object(),
            new double[] {
              Duration.between(s.timestamp(), e.timestamp()).toNanos() / 1e9,
              e.apiCallsUsed() - s.apiCallsUsed()
            });
      }
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The simulator process, driven through its {@code --stdin-control} pipe. */
  private static final class SimControl {
    final BufferedReader out;
    final PrintWriter in;
    URI url;
    String orgId;
    String rows = "?";

    SimControl(Process p) throws IOException {
      out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
      for (String line; (line = out.readLine()) != null; ) {
        String l = line.trim();
        if (l.startsWith("URL:")) {
          url = URI.create(l.substring(4).trim());
        } else if (l.startsWith("org Id:")) {
          orgId = l.substring(7).trim();
        } else if (l.startsWith("rows:")) {
          rows = l.substring(5).trim();
        } else if (l.startsWith("control:")) {
          break;
        }
      }
      if (url == null || orgId == null) {
        throw new IllegalStateException("the simulator did not print its URL and org Id");
      }
    }

    String token() throws IOException {
      return command("token");
    }

    JsonNode day(double scale) throws IOException {
      return JSON.readTree(command(scale == 1.0 ? "day" : "day " + scale));
    }

    void quit() {
      in.println("quit");
    }

    private String command(String c) throws IOException {
      in.println(c);
      String line = out.readLine();
      if (line == null) {
        throw new IllegalStateException("the simulator exited");
      }
      return line;
    }
  }
}
