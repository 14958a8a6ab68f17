package io.orgvault.engine.store;

import static io.orgvault.engine.store.Fixture.CONTACT;
import static io.orgvault.engine.store.Fixture.ORG;
import static io.orgvault.engine.store.Fixture.T0;
import static io.orgvault.engine.store.Fixture.TENANT;
import static io.orgvault.engine.store.Fixture.contact;
import static io.orgvault.engine.store.Fixture.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention, compaction and garbage collection: every kept backup reads exactly as before, the
 * chain still proves itself, tampering is still found, a crash anywhere leaves a readable store.
 */
class PruneTest {
  /** Backups span the October/November boundary. */
  static final Instant START = Instant.parse("2026-10-25T02:00:00Z");

  /** Small buffers: the first backup spills several segments, merges split their outputs. */
  static final long BUFFER_BYTES = 32 * 1024;

  static final RetentionPolicy POLICY = new RetentionPolicy(4, 2, 0);

  @TempDir Path dir;
  Path volume;
  KeyEncryptionKey kek;
  RecordStore store;

  @BeforeEach
  void setUp() throws Exception {
    volume = dir.resolve("volume");
    kek = Fixture.newKek(dir, "kek.key");
    store = open(volume, StorageIo.system());
  }

  @AfterEach
  void tearDown() {
    store.close();
    kek.close();
  }

  private RecordStore open(Path v, StorageIo io) {
    StoreOptions o = StoreOptions.defaults().withIo(io).withBufferBytes(BUFFER_BYTES);
    return Files.exists(v)
        ? RecordStore.open(v, TENANT, kek, o)
        : RecordStore.create(v, TENANT, kek, o);
  }

  /**
   * One backup a day from {@link #START} for {@code days} days, a second one on every fourth day:
   * each updates ten Contacts, deletes two, inserts three; every third gives Contact 5 a new photo
   * (a new blob), so photos of dropped backups become garbage once their interval is compacted.
   */
  static void writeHistory(RecordStore store, int days) throws Exception {
    int b = 0;
    for (int d = 0; d < days; d++) {
      for (int k = 0; k < (d % 4 == 1 ? 2 : 1); k++) {
        b++;
        try (BackupWriter w = store.beginBackup(ORG)) {
          w.createdAt(START.plus(Duration.ofDays(d)).plus(Duration.ofHours(6L * k)));
          ObjectWriter o = w.object("Contact", CONTACT);
          long at = T0 + b * 1000L;
          if (b == 1) {
            for (int i = 0; i < 300; i++) {
              o.add(contact(i, T0));
            }
          } else {
            for (int j = 0; j < 10; j++) {
              o.add(contact((b * 7 + j) % 300, at, "v" + b));
            }
            o.add(RecordVersion.tombstone("Contact", Fixture.id((b * 13) % 300), at));
            o.add(RecordVersion.tombstone("Contact", Fixture.id((b * 17 + 1) % 300), at));
            for (int j = 0; j < 3; j++) {
              o.add(contact(1000 + b * 3 + j, at));
            }
          }
          if (b % 3 == 0) {
            byte[] body = new byte[3000];
            new Random(b).nextBytes(body);
            Map<String, Object> f = new LinkedHashMap<>(contact(5, at).fields());
            f.put("LastName", "photo" + b);
            f.put("Photo__c", w.writeBlob(new ByteArrayInputStream(body)));
            o.add(RecordVersion.upsert("Contact", Fixture.id(5), at + 1, f));
          }
          w.commit();
        }
      }
    }
  }

  /** Everything a backup reads: its live Contacts and the digest of every photo body. */
  record Content(List<RecordVersion> contacts, Map<String, String> photos) {}

  static Content read(RecordStore store, long n) throws Exception {
    List<RecordVersion> contacts = drain(store.snapshot(n).records("Contact"));
    Map<String, String> photos = new TreeMap<>();
    for (RecordVersion v : contacts) {
      if (v.fields().get("Photo__c") instanceof BlobRef) {
        try (InputStream in = store.openBlob((BlobRef) v.fields().get("Photo__c"))) {
          photos.put(
              v.id(),
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())));
        }
      }
    }
    return new Content(contacts, photos);
  }

  static Map<Long, Content> readAll(RecordStore store) throws Exception {
    Map<Long, Content> out = new TreeMap<>();
    for (long n : store.backups()) {
      out.put(n, read(store, n));
    }
    return out;
  }

  /** "What changed after A up to B" for each pair of consecutive kept backups (A = 0 first). */
  static Map<String, List<RecordVersion>> changes(RecordStore store, List<Long> kept) {
    Map<String, List<RecordVersion>> out = new TreeMap<>();
    long previous = 0;
    for (long n : kept) {
      out.put(previous + ".." + n, drain(store.changesBetween(previous, n, "Contact")));
      previous = n;
    }
    return out;
  }

  static List<RetentionPolicy.Candidate> candidates(RecordStore store) {
    List<RetentionPolicy.Candidate> out = new ArrayList<>();
    for (long n : store.backups()) {
      out.add(new RetentionPolicy.Candidate(n, store.manifest(n).createdAt()));
    }
    return out;
  }

  static long files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  static Map<String, String> digestOfEveryFile(Path volume) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(volume)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(
            volume.relativize(p).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @Test
  void keptBackupsReadExactlyAsBeforeAfterRetentionCompactionAndGc() throws Exception {
    writeHistory(store, 14);
    Map<Long, Content> before = readAll(store);
    RetentionPolicy.Selection expected = POLICY.select(candidates(store));
    List<Long> kept = new ArrayList<>(expected.kept().keySet());
    Map<String, List<RecordVersion>> changesBefore = changes(store, kept);
    long segmentsBefore = files(store.segmentsDir());
    long chunksBefore = files(volume.resolve(RecordStore.BLOBS));

    PruneReport r = store.prune(new PruneOptions(POLICY, true, false));

    // Newest of each of the last 4 days (Nov 4..7) and of each of the last 2 months (Oct 31).
    assertThat(kept).hasSize(5);
    List<LocalDate> keptDays = new ArrayList<>();
    for (long n : kept) {
      keptDays.add(LocalDate.ofInstant(store.manifest(n).createdAt(), ZoneOffset.UTC));
    }
    assertThat(keptDays)
        .containsExactly(
            LocalDate.of(2026, 10, 31),
            LocalDate.of(2026, 11, 4),
            LocalDate.of(2026, 11, 5),
            LocalDate.of(2026, 11, 6),
            LocalDate.of(2026, 11, 7));
    assertThat(r.dropped()).isEqualTo(expected.dropped()).hasSize(before.size() - 5);
    assertThat(r.kept().keySet()).containsExactlyElementsOf(kept);
    assertThat(store.backups()).containsExactlyElementsOf(kept);
    assertThat(r.compactions()).isNotEmpty();
    assertThat(r.gc().manifests()).isEqualTo(r.dropped().size());
    assertThat(r.pruneRecord()).isEqualTo(1);

    for (long n : kept) {
      assertThat(read(store, n)).as("backup %d", n).isEqualTo(before.get(n));
    }
    assertThat(changes(store, kept)).isEqualTo(changesBefore);
    VerifyReport v = store.verify();
    assertThat(v.damages()).isEmpty();
    assertThat(v.manifests()).isEqualTo(5);
    assertThat(files(store.segmentsDir())).isLessThan(segmentsBefore);
    // Photos only dropped backups showed are gone with the versions that referred to them.
    assertThat(files(volume.resolve(RecordStore.BLOBS))).isLessThan(chunksBefore);
    assertThat(r.gc().chunks()).isPositive();

    // Pruning again with the same policy changes nothing; a new backup chains on.
    PruneReport again = store.prune(new PruneOptions(POLICY, true, false));
    assertThat(again.dropped()).isEmpty();
    assertThat(again.compactions()).isEmpty();
    assertThat(again.pruneRecord()).isZero();
    try (BackupWriter w = store.beginBackup(ORG)) {
      w.object("Contact", CONTACT).add(contact(7, T0 + 999_000, "after"));
      Manifest m = w.commit();
      assertThat(m.previousMac()).isEqualTo(store.manifest(kept.get(4)).mac());
    }
    assertThat(store.verify().damages()).isEmpty();
    assertThat(store.snapshot(kept.get(4) + 1).get("Contact", Fixture.id(7)).orElseThrow())
        .satisfies(x -> assertThat(x.fields().get("LastName")).isEqualTo("after"));
    for (long n : kept) {
      assertThat(read(store, n)).as("backup %d", n).isEqualTo(before.get(n));
    }
  }

  @Test
  void dryRunChangesNoByte() throws Exception {
    writeHistory(store, 6);
    store.collectGarbage();
    Map<String, String> before = digestOfEveryFile(volume);
    PruneReport r = store.prune(new PruneOptions(new RetentionPolicy(0, 0, 1), true, true));
    assertThat(digestOfEveryFile(volume)).isEqualTo(before);
    assertThat(r.dryRun()).isTrue();
    assertThat(r.kept().keySet()).containsExactly(8L);
    assertThat(r.dropped()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(r.compactions()).isNotEmpty().allSatisfy(c -> assertThat(c.outputBytes()).isZero());
    assertThat(r.gc().manifests()).isEqualTo(7);
    assertThat(r.gc().bytes()).isPositive();
    assertThat(store.backups()).hasSize(8);
  }

  @Test
  void tamperingIsStillFoundAfterRetention() throws Exception {
    writeHistory(store, 14);
    List<Long> all = store.backups();
    Map<Long, byte[]> manifestBytes = new TreeMap<>();
    for (long n : all) {
      manifestBytes.put(n, Files.readAllBytes(store.manifests().path(n)));
    }
    PruneReport r = store.prune(new PruneOptions(POLICY, true, false));
    List<Long> kept = store.backups();
    assertThat(store.verify().damages()).isEmpty();
    Path record = store.pruneLog().path(r.pruneRecord());

    // A kept manifest deleted in the middle, the oldest kept one (the chain's start) and the
    // newest (which the prune record names as the latest it saw).
    for (long n : List.of(kept.get(2), kept.get(0), kept.get(kept.size() - 1))) {
      Path m = store.manifests().path(n);
      byte[] saved = Files.readAllBytes(m);
      Files.delete(m);
      assertThat(store.verify().damages())
          .as("manifest %d deleted", n)
          .anySatisfy(
              d -> {
                assertThat(d.file()).isEqualTo(m);
                assertThat(d.kind()).isEqualTo(DamageKind.CHAIN_BROKEN);
              });
      Files.write(m, saved);
    }

    // Two kept manifests swapped.
    Path a = store.manifests().path(kept.get(1));
    Path b = store.manifests().path(kept.get(3));
    byte[] aBytes = Files.readAllBytes(a);
    byte[] bBytes = Files.readAllBytes(b);
    Files.write(a, bBytes);
    Files.write(b, aBytes);
    List<Damage> swapped = store.verify().damages();
    assertThat(swapped).anySatisfy(d -> assertThat(d.file()).isEqualTo(a));
    assertThat(swapped).anySatisfy(d -> assertThat(d.file()).isEqualTo(b));
    Files.write(a, aBytes);
    Files.write(b, bBytes);

    // The prune record deleted: the dropped backups are unaccounted for, the replaced segments
    // that older kept manifests list are missing.
    byte[] recordBytes = Files.readAllBytes(record);
    Files.delete(record);
    List<Damage> noRecord = store.verify().damages();
    assertThat(noRecord)
        .anySatisfy(
            d -> {
              assertThat(d.file()).isEqualTo(store.manifests().path(r.dropped().get(0)));
              assertThat(d.kind()).isEqualTo(DamageKind.CHAIN_BROKEN);
            });
    assertThat(noRecord).anySatisfy(d -> assertThat(d.kind()).isEqualTo(DamageKind.MISSING_FILE));
    Files.write(record, recordBytes);

    // Any flipped byte of the record is named; writers refuse to act on it.
    for (long off = 0; off < recordBytes.length; off += Math.max(1, recordBytes.length / 50)) {
      CorruptionTest.flip(record, off);
      long at = off;
      assertThat(store.verify().damages())
          .as("byte %d", at)
          .anySatisfy(d -> assertThat(d.file()).isEqualTo(record));
      CorruptionTest.flip(record, off);
    }
    CorruptionTest.flip(record, 20);
    assertThatThrownBy(store::collectGarbage).isInstanceOf(StoreCorruptedException.class);
    assertThatThrownBy(() -> store.prune(new PruneOptions(POLICY, true, false)))
        .isInstanceOf(StoreCorruptedException.class);
    CorruptionTest.flip(record, 20);

    // A manifest cannot pass for a prune record (same key, other magic).
    Files.write(record, manifestBytes.get(kept.get(0)));
    assertThat(store.verify().damages())
        .anySatisfy(
            d -> {
              assertThat(d.file()).isEqualTo(record);
              assertThat(d.kind()).isEqualTo(DamageKind.BAD_HEADER);
            });
    Files.write(record, recordBytes);

    // A dropped manifest put back (as an interrupted prune leaves it) is no backup and is
    // collected; the chain still verifies.
    long droppedOne = r.dropped().get(1);
    Files.write(store.manifests().path(droppedOne), manifestBytes.get(droppedOne));
    assertThat(store.backups()).containsExactlyElementsOf(kept);
    assertThat(store.verify().damages()).isEmpty();
    assertThat(store.collectGarbage().manifests()).isEqualTo(1);
    assertThat(store.verify().damages()).isEmpty();
  }

  @Test
  void deletingTheOldestManifestsIsFoundWithoutAnyPrune() throws Exception {
    writeHistory(store, 3);
    Files.delete(store.manifests().path(1));
    assertThat(store.verify().damages())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.file()).isEqualTo(store.manifests().path(1));
              assertThat(d.kind()).isEqualTo(DamageKind.CHAIN_BROKEN);
            });
  }

  @Test
  void pruneRecordOfAnUnknownVersionIsRejected() throws Exception {
    writeHistory(store, 3);
    PruneReport r = store.prune(new PruneOptions(new RetentionPolicy(0, 0, 1), true, false));
    Path record = store.pruneLog().path(r.pruneRecord());
    // Version 2 with a valid MAC, as a newer OrgVault would write it.
    byte[] bytes = Files.readAllBytes(record);
    bytes[5] = 2;
    byte[] mac =
        store.key().manifestMac().doFinal(java.util.Arrays.copyOf(bytes, bytes.length - 32));
    System.arraycopy(mac, 0, bytes, bytes.length - 32, 32);
    Files.write(record, bytes);
    long latest = r.kept().keySet().iterator().next();
    assertThatThrownBy(() -> store.manifest(latest))
        .isInstanceOfSatisfying(
            UnsupportedFormatVersionException.class,
            e -> {
              assertThat(e.file()).isEqualTo(record);
              assertThat(e.foundVersion()).isEqualTo(2);
            });
    assertThatThrownBy(() -> store.beginBackup(ORG))
        .isInstanceOf(UnsupportedFormatVersionException.class);
    assertThatThrownBy(() -> store.prune(PruneOptions.gcOnly()))
        .isInstanceOf(UnsupportedFormatVersionException.class);
    assertThat(store.verify().damages())
        .anySatisfy(
            d -> {
              assertThat(d.file()).isEqualTo(record);
              assertThat(d.kind()).isEqualTo(DamageKind.UNSUPPORTED_VERSION);
            });
  }

  /**
   * A backup with a large segment inside an interval ends a run: merging across it would let a
   * merged version outrank (or lose to) the large segment's version of the same Id differently than
   * before. Here backup 2 holds versions with a higher SystemModstamp than backup 3's large
   * segment, and backup 4 lower ones: reads must still pick by backup first.
   */
  @Test
  void largeSegmentInsideAnIntervalSplitsTheRuns() throws Exception {
    try (RecordStore big = RecordStore.create(dir.resolve("big"), TENANT, kek)) {
      int[] sizes = {20, 10, 200_000, 10, 5};
      long[] stamps = {T0, T0 + 1_000_000_000L, T0 + 5, T0 + 6, T0 + 7};
      for (int b = 0; b < sizes.length; b++) {
        try (BackupWriter w = big.beginBackup(ORG)) {
          ObjectWriter o = w.object("Contact", CONTACT);
          for (int i = 0; i < sizes[b]; i++) {
            o.add(contact(i, stamps[b], "b" + (b + 1)));
          }
          w.commit();
        }
      }
      Manifest.SegmentEntry large =
          big.manifest(5).object("Contact").orElseThrow().segments().get(2);
      assertThat(large.backup()).isEqualTo(3);
      assertThat(large.bytes()).isGreaterThanOrEqualTo(Compactor.SMALL_SEGMENT_BYTES);
      List<RecordVersion> before = drain(big.snapshot(5).records("Contact"));
      Map<String, List<RecordVersion>> changesBefore = changes(big, List.of(5L));

      PruneReport r = big.prune(new PruneOptions(new RetentionPolicy(0, 0, 1), true, false));

      assertThat(r.compactions())
          .extracting(c -> c.fromBackup() + ".." + c.toBackup())
          .containsExactly("1..2", "4..5");
      assertThat(big.manifest(5).object("Contact").orElseThrow().segments())
          .extracting(Manifest.SegmentEntry::backup)
          .containsExactly(2L, 3L, 5L);
      List<RecordVersion> after = drain(big.snapshot(5).records("Contact"));
      assertThat(after).isEqualTo(before);
      assertThat(after.get(0).fields().get("LastName")).isEqualTo("b5");
      assertThat(after.get(7).fields().get("LastName")).isEqualTo("b4");
      assertThat(after.get(15).fields().get("LastName")).isEqualTo("b3");
      assertThat(changes(big, List.of(5L))).isEqualTo(changesBefore);
      assertThat(big.verify().damages()).isEmpty();
    }
  }

  /**
   * The prune is killed before each of its file-system operations in turn (writes of merged
   * segments, the prune record, deletions): every time the store opens, every backup it lists reads
   * exactly as before, verify passes, and pruning again finishes the job.
   */
  @Test
  void crashAtAnyPointOfAPruneLeavesAReadableVerifiableStore() throws Exception {
    writeHistory(store, 6);
    store.close();
    Path pristine = volume;
    RetentionPolicy policy = new RetentionPolicy(2, 0, 0);
    PruneOptions options = new PruneOptions(policy, true, false);

    Path clean = dir.resolve("clean");
    copyTree(pristine, clean);
    CrashingStorageIo counter = new CrashingStorageIo(Long.MAX_VALUE);
    Map<Long, Content> before;
    List<Long> kept;
    long cleanSegments;
    long cleanChunks;
    long cleanManifestDir;
    try (RecordStore s = open(clean, counter)) {
      before = readAll(s);
      PruneReport r = s.prune(options);
      kept = new ArrayList<>(r.kept().keySet());
      assertThat(r.compactions()).isNotEmpty();
      assertThat(r.dropped()).isNotEmpty();
      cleanSegments = files(s.segmentsDir());
      cleanChunks = files(clean.resolve(RecordStore.BLOBS));
      cleanManifestDir = files(clean.resolve(RecordStore.MANIFESTS));
    }
    long operations = counter.operations();
    assertThat(operations).isGreaterThan(10);

    int committed = 0;
    for (long k = 0; k < operations; k++) {
      Path v = dir.resolve("crash-" + k);
      copyTree(pristine, v);
      CrashingStorageIo io = new CrashingStorageIo(k);
      try (RecordStore s = open(v, io)) {
        assertThatThrownBy(() -> s.prune(options)).isInstanceOf(StoreException.class);
      }
      assertThat(io.crashed()).isTrue();
      try (RecordStore s = open(v, StorageIo.system())) {
        List<Long> listed = s.backups();
        assertThat(listed).as("crash at %d", k).isIn(new ArrayList<>(before.keySet()), kept);
        committed += listed.equals(kept) ? 1 : 0;
        for (long n : listed) {
          assertThat(read(s, n)).as("crash at %d, backup %d", k, n).isEqualTo(before.get(n));
        }
        assertThat(s.verify().damages()).as("crash at %d", k).isEmpty();

        s.prune(options);
        assertThat(s.backups()).isEqualTo(kept);
        for (long n : kept) {
          assertThat(read(s, n)).isEqualTo(before.get(n));
        }
        assertThat(s.verify().damages()).isEmpty();
        assertThat(files(s.segmentsDir())).as("crash at %d", k).isEqualTo(cleanSegments);
        assertThat(files(v.resolve(RecordStore.BLOBS))).isEqualTo(cleanChunks);
        assertThat(files(v.resolve(RecordStore.MANIFESTS))).isEqualTo(cleanManifestDir);
      }
      deleteTree(v);
    }
    // Crashes fell both before and after the commit point.
    assertThat(committed).isPositive().isLessThan((int) operations);
    store = open(volume, StorageIo.system()); // for tearDown
  }

  static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
