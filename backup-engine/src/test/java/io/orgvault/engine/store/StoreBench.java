package io.orgvault.engine.store;

import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Prints write and read rates and bytes per row for a synthetic Contact-like object: a full backup
 * of N rows in random order, then an incremental backup with 1% of rows changed. No timed
 * assertions; figures only. Usage: {@code StoreBench [rows] [directory]}.
 */
public final class StoreBench {
  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    boolean temporary = args.length < 2;
    Path base = temporary ? Files.createTempDirectory("orgvault-store-bench") : Path.of(args[1]);
    Files.createDirectories(base);
    Path volume = base.resolve("volume");
    long t0 = Fixture.T0;
    try (KeyEncryptionKey kek = Fixture.newKek(base, "kek.key");
        RecordStore store = RecordStore.create(volume, Fixture.TENANT, kek)) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(1));
      long logical = 0;
      for (int i = 0; i < Math.min(rows, 10_000); i++) {
        ByteWriter w = new ByteWriter(512);
        RowCodec.encode(Fixture.contact(i, t0), new FieldDictionary(Fixture.CONTACT), w);
        logical += w.size();
      }
      double rowBytes = (double) logical / Math.min(rows, 10_000);
      System.out.printf("rows: %,d  encoded row: %.0f bytes (uncompressed)%n", rows, rowBytes);

      long start = System.nanoTime();
      Manifest m1;
      try (BackupWriter b = store.beginBackup(Fixture.ORG)) {
        ObjectWriter w = b.object("Contact", Fixture.CONTACT);
        for (int i : order) {
          w.add(Fixture.contact(i, t0 + i));
        }
        m1 = b.commit();
      }
      double secs = seconds(start);
      long size1 = size(volume);
      System.out.printf(
          "full backup:   %.2f s, %,.0f rows/s, %.1f MB/s of rows, %d segments, %,d bytes on disk,"
              + " %.1f bytes/row%n",
          secs,
          rows / secs,
          rows * rowBytes / secs / 1e6,
          m1.object("Contact").orElseThrow().segments().size(),
          size1,
          (double) size1 / rows);

      start = System.nanoTime();
      long n = count(store.snapshot(1).records("Contact"));
      secs = seconds(start);
      System.out.printf(
          "read state 1:  %.2f s, %,.0f rows/s, %.1f MB/s of rows (%,d rows)%n",
          secs, n / secs, n * rowBytes / secs / 1e6, n);

      int changed = Math.max(1, rows / 100);
      Random r = new Random(2);
      start = System.nanoTime();
      try (BackupWriter b = store.beginBackup(Fixture.ORG)) {
        ObjectWriter w = b.object("Contact", Fixture.CONTACT);
        for (int k = 0; k < changed; k++) {
          int i = r.nextInt(rows);
          w.add(Fixture.contact(i, t0 + rows + k, "Changed" + k));
        }
        b.commit();
      }
      secs = seconds(start);
      long size2 = size(volume);
      System.out.printf(
          "1%% changed:    %.2f s for %,d rows, %,d bytes added, %.1f bytes/changed row%n",
          secs, changed, size2 - size1, (double) (size2 - size1) / changed);

      start = System.nanoTime();
      n = count(store.snapshot(2).records("Contact"));
      secs = seconds(start);
      System.out.printf(
          "read state 2:  %.2f s, %,.0f rows/s (%,d rows, 2-way merge)%n", secs, n / secs, n);

      start = System.nanoTime();
      n = count(store.changesBetween(1, 2, "Contact"));
      System.out.printf("changes 1..2:  %.3f s (%,d rows)%n", seconds(start), n);

      Snapshot s2 = store.snapshot(2);
      int lookups = 2000;
      start = System.nanoTime();
      for (int k = 0; k < lookups; k++) {
        s2.get("Contact", Fixture.id(r.nextInt(rows)));
      }
      System.out.printf("point lookup:  %.2f ms each%n", seconds(start) * 1000 / lookups);

      start = System.nanoTime();
      VerifyReport v = store.verify();
      System.out.printf(
          "verify:        %.2f s, %d blocks, ok=%s%n", seconds(start), v.blocks(), v.ok());
    } finally {
      if (temporary) {
        try (Stream<Path> s = Files.walk(base)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long count(RecordStream s) {
    long n = 0;
    try (s) {
      for (Iterator<RecordVersion> it = s; it.hasNext(); it.next()) {
        n++;
      }
    }
    return n;
  }

  private static long size(Path volume) throws Exception {
    try (Stream<Path> s = Files.walk(volume)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
