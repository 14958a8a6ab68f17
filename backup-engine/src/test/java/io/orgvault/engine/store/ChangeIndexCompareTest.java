package io.orgvault.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.ChangeStream;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.CompareSummary;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.ObjectSummary;
import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compare summary from change indexes (segment format 3) against the exact comparison that
 * reads the rows ({@link Comparison#stream}): for every pair of backups of a store that went
 * through updates, reverts (a value changed and changed back), numbers re-sent with another scale,
 * deletes, undeletes, records created and deleted within one backup, rows written without a field,
 * schema changes (a field added, one removed, one retyped), file bodies changed and stored again,
 * small segments (an Id in two segments of one backup), backups written in format 2 between
 * format-3 ones, and retention with compaction. Each pair must give the same counts either way, and
 * the test checks that both the index path and the fallback were taken.
 */
class ChangeIndexCompareTest {
  private static final String THING = "Thing__c";
  private static final String FILES = "ContentVersion";
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int BACKUPS = 12;

  private static final List<FieldSchema> V1 =
      List.of(
          FieldSchema.of("Id", "id"),
          FieldSchema.of("Name", "string"),
          FieldSchema.of("Amount", "int"),
          FieldSchema.of("Price", "double"),
          FieldSchema.of("Active", "boolean"),
          FieldSchema.of("Due", "date"),
          FieldSchema.of("Seen", "datetime"));

  /** From backup 5: a field added. */
  private static final List<FieldSchema> V2 = with(V1, FieldSchema.of("Fresh", "string"));

  /** From backup 9: Name removed, Amount retyped to a decimal. */
  private static final List<FieldSchema> V3 =
      List.of(
          FieldSchema.of("Id", "id"),
          FieldSchema.of("Amount", "double"),
          FieldSchema.of("Price", "double"),
          FieldSchema.of("Active", "boolean"),
          FieldSchema.of("Due", "date"),
          FieldSchema.of("Seen", "datetime"),
          FieldSchema.of("Fresh", "string"));

  private static final List<FieldSchema> FILE_SCHEMA =
      List.of(FieldSchema.of("Id", "id"), FieldSchema.of("VersionData", "base64"));

  @TempDir Path dir;

  private final Random random = new Random(20261123);
  private final Map<String, Map<String, Object>> live = new TreeMap<>();
  private final Map<String, Map<String, Object>> deleted = new TreeMap<>();
  private final Map<String, Map<String, Object>> revertNext = new TreeMap<>();
  private final Map<String, String> bodies = new TreeMap<>();
  private long clock = START.toEpochMilli();
  private int nextId = 1;

  @Test
  void summaryFromChangeIndexesEqualsTheExactComparison() throws Exception {
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key");
        RecordStore store =
            RecordStore.create(
                dir.resolve("v"),
                Fixture.TENANT,
                kek,
                new StoreOptions(StoreOptions.defaults().io(), 6_000))) {
      for (int k = 1; k <= BACKUPS; k++) {
        // Backups 6 and 7 are written in format 2 (no change index), as an older engine did.
        store.writeSegmentsInFormat(
            k == 6 || k == 7 ? SegmentFormat.VERSION_2 : SegmentFormat.VERSION);
        backup(store, k);
        // Live counts are recorded while every backup wrote change indexes, then no more.
        assertThat(store.manifest(k).object(THING).orElseThrow().liveRecordsIfRecorded())
            .isEqualTo(k < 6 ? OptionalLong.of(live.size()) : OptionalLong.empty());
      }
      store.writeSegmentsInFormat(SegmentFormat.VERSION);
      assertThat(store.verify().ok()).isTrue();

      Map<String, CompareSummary> before = new HashMap<>();
      int indexed = 0;
      int fallback = 0;
      for (long a = 1; a < BACKUPS; a++) {
        for (long b = a + 1; b <= BACKUPS; b++) {
          CompareSummary s = assertExact(store, a, b);
          before.put(a + ".." + b, s);
          if (store.changeIndexesBetween(a, b, THING).isPresent()) {
            indexed++;
          } else {
            fallback++;
          }
        }
      }
      assertThat(indexed).isGreaterThan(20);
      assertThat(fallback).isGreaterThan(20);

      // Retention keeps the newest backup of each day (two a day), compaction merges the small
      // segments of each interval: merged segments have no change index.
      PruneReport report =
          store.prune(new PruneOptions(new RetentionPolicy(100, 0, 0), true, false));
      assertThat(report.dropped()).isNotEmpty();
      assertThat(report.compactions()).isNotEmpty();
      List<Long> kept = store.backups();
      for (int i = 0; i < kept.size(); i++) {
        for (int j = i + 1; j < kept.size(); j++) {
          long a = kept.get(i);
          long b = kept.get(j);
          CompareSummary s = assertExact(store, a, b);
          assertThat(s.objects()).isEqualTo(before.get(a + ".." + b).objects());
        }
      }
      assertThat(store.verify().ok()).isTrue();
    }
  }

  @Test
  void manifestsRecordTheLiveCountsAReadFinds() throws Exception {
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key");
        RecordStore store =
            RecordStore.create(
                dir.resolve("v"),
                Fixture.TENANT,
                kek,
                new StoreOptions(StoreOptions.defaults().io(), 6_000))) {
      for (int k = 1; k <= BACKUPS; k++) {
        backup(store, k);
        assertThat(store.manifest(k).object(THING).orElseThrow().liveRecords())
            .isEqualTo(live.size());
        assertCountsAsRead(store, k);
      }
      store.prune(new PruneOptions(new RetentionPolicy(100, 0, 0), true, false));
      for (long k : store.backups()) {
        assertCountsAsRead(store, k);
      }
    }
  }

  @Test
  void aStaleVersionInALaterSegmentOfOneBackupLosesToTheNewerOne() throws Exception {
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key");
        RecordStore store =
            RecordStore.create(
                dir.resolve("v"),
                Fixture.TENANT,
                kek,
                new StoreOptions(StoreOptions.defaults().io(), 1))) { // a segment per row
      Map<String, Object> old = new LinkedHashMap<>();
      old.put("Name", "old");
      old.put("Amount", 1L);
      old.put("Price", new BigDecimal("1.5"));
      old.put("Active", true);
      old.put("Due", LocalDate.of(2026, 1, 1));
      old.put("Seen", Instant.ofEpochSecond(1_700_000_000L));
      String x = "a01000000000000001";
      String y = "a01000000000000002";
      try (BackupWriter b = store.beginBackup(Fixture.ORG)) {
        ObjectWriter w = b.object(THING, V1);
        w.add(row(x, old, V1, null));
        w.add(row(y, old, V1, null));
        b.commit();
      }
      Map<String, Object> now = new LinkedHashMap<>(old);
      now.put("Name", "new");
      try (BackupWriter b = store.beginBackup(Fixture.ORG)) {
        ObjectWriter w = b.object(THING, V1);
        w.add(row(x, now, V1, null)); // the current version
        // Its deletion, older (an undelete wrote the current version), arriving after it: reads
        // take the current version (higher SystemModstamp), not the segment listed later.
        w.add(RecordVersion.tombstone(THING, x, clock - 1));
        w.add(row(y, old, V1, null)); // rewritten unchanged
        b.commit();
      }
      assertThat(store.manifest(2).object(THING).orElseThrow().segments())
          .filteredOn(seg -> seg.backup() == 2)
          .hasSize(3);
      assertThat(store.changeIndexesBetween(1, 2, THING)).isPresent();
      CompareSummary s = assertExact(store, 1, 2);
      ObjectSummary thing =
          s.objects().stream().filter(o -> o.object().equals(THING)).findFirst().orElseThrow();
      assertThat(new long[] {thing.added(), thing.deleted(), thing.changed()})
          .containsExactly(0, 0, 1);
      assertThat(store.manifest(2).object(THING).orElseThrow().liveRecords()).isEqualTo(2);
    }
  }

  private static void assertCountsAsRead(RecordStore store, long backup) {
    Snapshot s = store.snapshot(backup);
    for (String object : s.objects()) {
      long n = 0;
      try (RecordStream rs = s.records(object)) {
        while (rs.hasNext()) {
          rs.next();
          n++;
        }
      }
      assertThat(s.manifest().object(object).orElseThrow().liveRecordsIfRecorded())
          .as("%s at %d", object, backup)
          .isEqualTo(OptionalLong.of(n));
    }
  }

  @Test
  void aDamagedChangeIndexFailsTheSummaryWithItsDamageKind() throws Exception {
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key");
        RecordStore store = RecordStore.create(dir.resolve("v"), Fixture.TENANT, kek)) {
      for (int k = 1; k <= 3; k++) {
        backup(store, k);
      }
      Manifest.SegmentEntry seg =
          store.manifest(3).object(THING).orElseThrow().segments().stream()
              .filter(s -> s.backup() == 3)
              .findFirst()
              .orElseThrow();
      Path file = store.segmentPath(seg.id());
      long offset;
      try (SegmentReader r = store.openSegment(seg, THING)) {
        offset = r.footer().changeIndex().offset() + 5;
      }
      flip(file, offset);
      Comparison c = Comparison.between(store, 1, 3);
      assertThatThrownBy(() -> c.summary(CompareFilter.ALL))
          .isInstanceOfSatisfying(
              StoreCorruptedException.class,
              e -> assertThat(e.kind()).isEqualTo(DamageKind.CHANGE_INDEX_UNREADABLE));
      assertThat(store.verify().damages())
          .extracting(Damage::kind)
          .containsExactly(DamageKind.CHANGE_INDEX_UNREADABLE);
      flip(file, offset);
      assertThat(store.verify().ok()).isTrue();
    }
  }

  /** The summary (indexes where possible) equals counting the exact stream, for several filters. */
  private static CompareSummary assertExact(RecordStore store, long a, long b) {
    Comparison c = Comparison.between(store, a, b);
    CompareSummary all = c.summary(CompareFilter.ALL);
    for (CompareFilter filter :
        List.of(
            CompareFilter.ALL,
            CompareFilter.ALL.kinds(Set.of(ChangeKind.CHANGED)),
            CompareFilter.ALL.kinds(Set.of(ChangeKind.ADDED, ChangeKind.DELETED)),
            CompareFilter.ALL.objects(Set.of(THING)))) {
      Map<String, long[]> counted = new TreeMap<>();
      try (ChangeStream s = c.stream(filter)) {
        while (s.hasNext()) {
          var ch = s.next();
          counted.computeIfAbsent(ch.object(), o -> new long[3])[ch.kind().ordinal()]++;
        }
      }
      CompareSummary summary = filter.equals(CompareFilter.ALL) ? all : c.summary(filter);
      for (ObjectSummary o : summary.objects()) {
        long[] n = counted.getOrDefault(o.object(), new long[3]);
        assertThat(new long[] {o.added(), o.deleted(), o.changed()})
            .as("%s %d..%d %s", o.object(), a, b, filter)
            .containsExactly(
                n[ChangeKind.ADDED.ordinal()],
                n[ChangeKind.DELETED.ordinal()],
                n[ChangeKind.CHANGED.ordinal()]);
      }
    }
    return all;
  }

  // ---- the simulated org ----

  private void backup(RecordStore store, int k) throws Exception {
    List<FieldSchema> schema = k >= 9 ? V3 : k >= 5 ? V2 : V1;
    try (BackupWriter b = store.beginBackup(Fixture.ORG)) {
      // Two backups a day: retention keeps the second of each.
      b.createdAt(
          START.plus(Duration.ofDays((k + 1) / 2)).plus(Duration.ofHours(k % 2 == 0 ? 12 : 1)));
      ObjectWriter w = b.object(THING, schema);
      ObjectWriter f = b.object(FILES, FILE_SCHEMA);
      if (k == 1) {
        for (int i = 0; i < 60; i++) {
          insert(w, schema);
        }
        for (int i = 0; i < 6; i++) {
          String id = String.format("068%015d", i);
          bodies.put(id, "body " + i);
          f.add(file(b, id, bodies.get(id)));
        }
      } else {
        for (var e : revertNext.entrySet()) {
          if (live.containsKey(e.getKey())) {
            live.put(e.getKey(), e.getValue());
            w.add(row(e.getKey(), e.getValue(), schema, null));
          }
        }
        revertNext.clear();
        for (int op = 0; op < 25; op++) {
          step(w, schema);
        }
        for (String id : bodies.keySet()) {
          int r = random.nextInt(4);
          if (r == 0) {
            bodies.put(id, bodies.get(id) + " v" + k); // a new body
            f.add(file(b, id, bodies.get(id)));
          } else if (r == 1) {
            f.add(file(b, id, bodies.get(id))); // the same body stored again
          }
        }
      }
      b.commit();
    }
  }

  private void step(ObjectWriter w, List<FieldSchema> schema) {
    List<String> ids = new ArrayList<>(live.keySet());
    String id = ids.get(random.nextInt(ids.size()));
    switch (random.nextInt(9)) {
      case 0, 1 -> { // update one or two fields, from small domains: sometimes to the same value
        Map<String, Object> v = new LinkedHashMap<>(live.get(id));
        randomize(v, random.nextInt(2) + 1);
        live.put(id, v);
        w.add(row(id, v, schema, null));
      }
      case 2 -> { // changed now, changed back in the next backup
        Map<String, Object> v = new LinkedHashMap<>(live.get(id));
        revertNext.put(id, live.get(id));
        v.put("Price", new BigDecimal("999.5"));
        live.put(id, v);
        w.add(row(id, v, schema, null));
      }
      case 3 -> { // the same values, numbers with another scale
        Map<String, Object> v = new LinkedHashMap<>(live.get(id));
        v.put("Price", ((BigDecimal) v.get("Price")).setScale(4));
        live.put(id, v);
        w.add(row(id, v, schema, null));
      }
      case 4 -> { // deleted
        deleted.put(id, live.remove(id));
        w.add(RecordVersion.tombstone(THING, id, ++clock));
      }
      case 5 -> { // undeleted
        if (!deleted.isEmpty()) {
          String d = deleted.keySet().iterator().next();
          live.put(d, deleted.remove(d));
          w.add(row(d, live.get(d), schema, null));
        }
      }
      case 6 -> insert(w, schema);
      case 7 -> { // created and deleted within one backup
        String n = insert(w, schema);
        live.remove(n);
        w.add(RecordVersion.tombstone(THING, n, ++clock));
      }
      default -> { // a row written without one of its fields
        Map<String, Object> v = new LinkedHashMap<>(live.get(id));
        randomize(v, 1);
        live.put(id, v);
        w.add(row(id, v, schema, "Due"));
      }
    }
  }

  private String insert(ObjectWriter w, List<FieldSchema> schema) {
    String id = String.format("a01%015d", nextId++);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("Name", "n" + random.nextInt(3));
    v.put("Amount", (long) random.nextInt(3));
    v.put("Price", BigDecimal.valueOf(random.nextInt(3), 1));
    v.put("Active", random.nextBoolean());
    v.put("Due", LocalDate.of(2026, 1, 1 + random.nextInt(3)));
    v.put("Seen", Instant.ofEpochSecond(1_700_000_000L + random.nextInt(3)));
    v.put("Fresh", "f" + random.nextInt(2));
    live.put(id, v);
    w.add(row(id, v, schema, null));
    return id;
  }

  private void randomize(Map<String, Object> v, int fields) {
    for (int i = 0; i < fields; i++) {
      switch (random.nextInt(6)) {
        case 0 -> v.put("Name", random.nextInt(4) == 0 ? null : "n" + random.nextInt(3));
        case 1 -> v.put("Amount", (long) random.nextInt(3));
        case 2 -> v.put("Price", BigDecimal.valueOf(random.nextInt(3), 1));
        case 3 -> v.put("Active", random.nextBoolean());
        case 4 -> v.put("Seen", Instant.ofEpochSecond(1_700_000_000L + random.nextInt(3)));
        default -> v.put("Fresh", "f" + random.nextInt(2));
      }
    }
  }

  /** The row of the record's values as the schema holds them, optionally without one field. */
  private RecordVersion row(
      String id, Map<String, Object> values, List<FieldSchema> schema, String without) {
    Map<String, Object> f = new LinkedHashMap<>();
    for (FieldSchema s : schema) {
      if (s.name().equals(without)) {
        continue;
      }
      Object v = s.name().equals("Id") ? id : values.get(s.name());
      if (s.name().equals("Amount") && s.type().equals("double") && v != null) {
        v = BigDecimal.valueOf((Long) v).setScale(2); // retyped: 5 is now 5.00
      }
      f.put(s.name(), v);
    }
    return RecordVersion.upsert(THING, id, ++clock, f);
  }

  private RecordVersion file(BackupWriter b, String id, String body) throws Exception {
    BlobRef ref = b.writeBlob(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Id", id);
    f.put("VersionData", ref);
    return RecordVersion.upsert(FILES, id, ++clock, f);
  }

  private static List<FieldSchema> with(List<FieldSchema> schema, FieldSchema extra) {
    List<FieldSchema> out = new ArrayList<>(schema);
    out.add(extra);
    return List.copyOf(out);
  }

  private static void flip(Path file, long offset) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x40);
    }
  }
}
