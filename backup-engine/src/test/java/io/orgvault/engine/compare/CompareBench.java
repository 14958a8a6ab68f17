package io.orgvault.engine.compare;

import io.orgvault.engine.browse.BackupBrowser;
import io.orgvault.engine.browse.RecordHistory;
import io.orgvault.engine.browse.RecordPage;
import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.export.CsvExport;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Read benchmarks of issue [C] on a store built by {@code BackupBench --keep-store DIR} (see
 * scripts/bench-compare.sh): compare summary and first page, record history and as-of lookups,
 * browse pages, CSV export rate. Prints figures; asserts nothing. Test scope, like StoreBench.
 *
 * <p>Arguments: {@code --store DIR [--from A] [--to B] [--tenant bench] [--repeat R]}; DIR holds
 * {@code volume/} and {@code kek}. A and B default to the first and the latest backup.
 */
public final class CompareBench {
  private static final int PAGE = 100;
  private static final int LOOKUPS = 200;

  public static void main(String[] args) throws Exception {
    Path dir = null;
    String tenant = "bench";
    long from = -1;
    long to = -1;
    int repeat = 5;
    boolean onlyCompare = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--store" -> dir = Path.of(args[++i]);
        case "--tenant" -> tenant = args[++i];
        case "--from" -> from = Long.parseLong(args[++i]);
        case "--to" -> to = Long.parseLong(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--only-compare" -> onlyCompare = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--store is required");
    }
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(dir.resolve("kek"));
        RecordStore store = RecordStore.open(dir.resolve("volume"), tenant, kek)) {
      List<Long> backups = store.backups();
      from = from < 0 ? backups.get(0) : from;
      to = to < 0 ? backups.get(backups.size() - 1) : to;
      System.out.printf("store %s: backups %s; compare %d..%d%n", dir, backups, from, to);

      // --- compare: summary + first page, cold (first) then warm ---
      double[] summaryPage = new double[repeat];
      double[] summaryPageCpu = new double[repeat];
      CompareSummary summary = null;
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        long c0 = threadCpuNanos();
        Comparison c = Comparison.between(store, from, to);
        summary = c.summary(CompareFilter.ALL);
        ComparePage first = c.page(CompareFilter.ALL, null, PAGE);
        summaryPage[r] = ms(t0);
        summaryPageCpu[r] = (threadCpuNanos() - c0) / 1e6;
        if (r == 0) {
          System.out.printf(
              "first page: %d changes, next cursor %s%n",
              first.changes().size(), first.nextCursor().isPresent());
        }
      }
      long total = 0;
      for (ObjectSummary o : summary.objects()) {
        System.out.printf(
            "  %-20s added %,8d deleted %,8d changed %,8d%n",
            o.object(), o.added(), o.deleted(), o.changed());
        total += o.total();
      }
      System.out.printf(
          "compare summary + first page (%,d changes in all): %s%n", total, figures(summaryPage));
      System.out.printf("  the same, thread CPU time: %s%n", figures(summaryPageCpu));
      // The summary as it was counted before change indexes (segment format 3): the stream.
      double[] exact = new double[repeat];
      double[] exactCpu = new double[repeat];
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        long c0 = threadCpuNanos();
        Comparison c = Comparison.between(store, from, to);
        long n = 0;
        try (ChangeStream s = c.stream(CompareFilter.ALL)) {
          while (s.hasNext()) {
            s.next();
            n++;
          }
        }
        c.page(CompareFilter.ALL, null, PAGE);
        exact[r] = ms(t0);
        exactCpu[r] = (threadCpuNanos() - c0) / 1e6;
        if (n != total) {
          throw new IllegalStateException("stream counts " + n + ", summary " + total);
        }
      }
      System.out.printf(
          "summary counted from the stream (the path before change indexes) + first page: %s%n",
          figures(exact));
      System.out.printf("  the same, thread CPU time: %s%n", figures(exactCpu));
      double[] pageOnly = new double[repeat];
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        Comparison.between(store, from, to).page(CompareFilter.ALL, null, PAGE);
        pageOnly[r] = ms(t0);
      }
      System.out.printf("compare first page alone: %s%n", figures(pageOnly));
      double[] contactOnly = new double[repeat];
      CompareFilter contacts = CompareFilter.ALL.objects(java.util.Set.of("Contact"));
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        Comparison c = Comparison.between(store, from, to);
        c.summary(contacts);
        c.page(contacts, null, PAGE);
        contactOnly[r] = ms(t0);
      }
      System.out.printf("compare summary + first page, Contact only: %s%n", figures(contactOnly));

      // Where the time goes: reading the changed versions alone, per object.
      double[] drain = new double[repeat];
      long changedVersions = 0;
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        changedVersions = 0;
        try (RecordStream rs = store.changesBetween(from, to, "Contact")) {
          while (rs.hasNext()) {
            rs.next();
            changedVersions++;
          }
        }
        drain[r] = ms(t0);
      }
      System.out.printf(
          "changesBetween alone, Contact (%,d versions): %s%n", changedVersions, figures(drain));
      if (onlyCompare) {
        return;
      }

      // --- history and as-of of random Contacts ---
      Manifest latest = store.manifest(to);
      List<String> ids = sampleIds(store, to, "Contact", LOOKUPS);
      RecordHistory history = new RecordHistory(store);
      double[] h = new double[ids.size()];
      long versions = 0;
      for (int i = 0; i < ids.size(); i++) {
        long t0 = System.nanoTime();
        versions += history.versions("Contact", ids.get(i)).size();
        h[i] = ms(t0);
      }
      System.out.printf(
          "history of %d random Contacts (%d versions): %s%n", ids.size(), versions, figures(h));
      Instant mid = store.manifest(backups.get(backups.size() / 2)).createdAt();
      double[] a = new double[ids.size()];
      for (int i = 0; i < ids.size(); i++) {
        long t0 = System.nanoTime();
        history.asOf("Contact", ids.get(i), mid);
        a[i] = ms(t0);
      }
      System.out.printf(
          "as-of lookup (%s) of %d random Contacts: %s%n", mid, ids.size(), figures(a));

      // --- browse ---
      BackupBrowser browser = new BackupBrowser(store, to);
      double[] p1 = new double[repeat];
      RecordPage page = null;
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        page = browser.records("Contact", null, PAGE);
        p1[r] = ms(t0);
      }
      System.out.printf("browse first page of Contact (%d records): %s%n", PAGE, figures(p1));
      String cursor = page.nextCursor().orElseThrow();
      for (int k = 0; k < 20 && cursor != null; k++) {
        cursor = browser.records("Contact", cursor, 1000).nextCursor().orElse(null);
      }
      String deep = cursor;
      double[] p2 = new double[repeat];
      for (int r = 0; r < repeat; r++) {
        long t0 = System.nanoTime();
        browser.records("Contact", deep, PAGE);
        p2[r] = ms(t0);
      }
      System.out.printf("browse page after ~20,100 Contacts (cursor): %s%n", figures(p2));
      boolean indexed;
      List<String> searchable =
          BackupBrowser.searchableFields(store.snapshot(to).schema("Contact"));
      try (var c =
          store
              .snapshot(to)
              .textCandidates("Contact", List.of("zq"), searchable, null)
              .orElse(null)) {
        indexed = c != null;
      }
      String how = indexed ? "text index" : "scan: version-1 segments";
      RecordVersion sample = null;
      for (int k = 0; sample == null; k++) {
        sample = store.snapshot(to).get("Contact", ids.get(k)).orElse(null);
      }
      double[] eq = new double[Math.min(repeat, 3)];
      for (int r = 0; r < eq.length; r++) {
        long t0 = System.nanoTime();
        browser.whereEquals("Contact", "Id", ids.get(0), null, PAGE);
        eq[r] = ms(t0);
      }
      System.out.printf(
          "field-equality search on Id (not searchable: scan, one match): %s%n", figures(eq));
      String email = String.valueOf(sample.fields().get("Email"));
      double[] eqMail = new double[Math.min(repeat, 3)];
      int eqMailHits = 0;
      for (int r = 0; r < eqMail.length; r++) {
        long t0 = System.nanoTime();
        eqMailHits = browser.whereEquals("Contact", "Email", email, null, PAGE).records().size();
        eqMail[r] = ms(t0);
      }
      System.out.printf(
          "field-equality search on Email (%s, %d match): %s%n", how, eqMailHits, figures(eqMail));
      for (String needle :
          List.of(
              "zq",
              String.valueOf(sample.fields().get("LastName")).toLowerCase(java.util.Locale.ROOT))) {
        double[] text = new double[Math.min(repeat, 3)];
        int hits = 0;
        for (int r = 0; r < text.length; r++) {
          long t0 = System.nanoTime();
          hits = browser.search("Contact", needle, null, PAGE).records().size();
          text[r] = ms(t0);
        }
        System.out.printf(
            "text search '%s' first page (%s, %d records): %s%n", needle, how, hits, figures(text));
      }
      long t0 = System.nanoTime();
      long objectsCounted = browser.objects().size();
      System.out.printf(
          "browse objects with counts (%d objects, counts recorded in the manifest, else by scan): %.0f ms%n",
          objectsCounted, ms(t0));

      // --- export ---
      CountingSink sink = new CountingSink();
      t0 = System.nanoTime();
      long rows = CsvExport.object(store.snapshot(to), "Contact", sink);
      double s = ms(t0) / 1000;
      System.out.printf(
          "CSV export of Contact: %,d records, %.1f MB in %.2f s = %,.0f records/s, %.1f MB/s%n",
          rows, sink.bytes / 1e6, s, rows / s, sink.bytes / 1e6 / s);
      sink = new CountingSink();
      t0 = System.nanoTime();
      long n = CsvExport.comparison(Comparison.between(store, from, to), CompareFilter.ALL, sink);
      s = ms(t0) / 1000;
      System.out.printf(
          "CSV export of compare %d..%d: %,d records, %.1f MB in %.2f s%n",
          from, to, n, sink.bytes / 1e6, s);
      if (latest.objects().isEmpty()) {
        System.out.println("(empty backup)");
      }
    }
  }

  private static List<String> sampleIds(RecordStore store, long backup, String object, int n) {
    List<String> all = new ArrayList<>();
    Random random = new Random(7);
    long seen = 0;
    try (RecordStream rs = store.snapshot(backup).records(object)) {
      while (rs.hasNext()) {
        RecordVersion v = rs.next();
        // reservoir sampling (algorithm R): uniform, bounded memory whatever the object's size
        if (all.size() < n) {
          all.add(v.id());
        } else {
          long j = (long) (random.nextDouble() * (seen + 1));
          if (j < n) {
            all.set((int) j, v.id());
          }
        }
        seen++;
      }
    }
    return all;
  }

  /** CPU time of this thread: on a shared machine, closer to the quiet wall time than wall time. */
  private static long threadCpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static String figures(double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    return String.format(
        "first %.1f ms, median %.1f ms, max %.1f ms (n=%d)",
        ms[0], sorted[sorted.length / 2], sorted[sorted.length - 1], ms.length);
  }

  private static final class CountingSink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
