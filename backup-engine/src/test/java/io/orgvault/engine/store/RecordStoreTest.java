package io.orgvault.engine.store;

import static io.orgvault.engine.store.Fixture.CONTACT;
import static io.orgvault.engine.store.Fixture.ORG;
import static io.orgvault.engine.store.Fixture.T0;
import static io.orgvault.engine.store.Fixture.TENANT;
import static io.orgvault.engine.store.Fixture.contact;
import static io.orgvault.engine.store.Fixture.drain;
import static io.orgvault.engine.store.Fixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordStoreTest {
  @TempDir Path dir;
  Path volume;
  KeyEncryptionKey kek;
  RecordStore store;

  @BeforeEach
  void setUp() throws Exception {
    volume = dir.resolve("volume");
    kek = Fixture.newKek(dir, "kek.key");
    store = RecordStore.create(volume, TENANT, kek);
  }

  @AfterEach
  void tearDown() {
    store.close();
    kek.close();
  }

  private Manifest backup(List<RecordVersion> rows) {
    try (BackupWriter b = store.beginBackup(ORG)) {
      ObjectWriter w = b.object("Contact", CONTACT);
      rows.forEach(w::add);
      return b.commit();
    }
  }

  @Test
  void everyValueTypeRoundTripsExactly() throws Exception {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("Id", id(1));
    f.put("LastName", "Ünïcødé — 名前 \uD83D\uDE00");
    f.put("Email", null);
    f.put("Amount__c", new BigDecimal("12.50"));
    f.put("Score__c", new BigDecimal("-0.000000000000000000012345678901234567890"));
    f.put("Count__c", Long.MIN_VALUE);
    f.put("Active__c", true);
    f.put("Birthdate", LocalDate.of(1, 1, 1));
    f.put("LastSeen__c", Instant.parse("2024-02-29T23:59:59.999Z"));
    RecordVersion v;
    try (BackupWriter b = store.beginBackup(ORG)) {
      BlobRef photo = b.writeBlob(new ByteArrayInputStream("jpeg bytes".getBytes()));
      f.put("Photo__c", photo);
      v = RecordVersion.upsert("Contact", id(1), T0, f);
      b.object("Contact", CONTACT).add(v);
      b.commit();
    }
    RecordVersion back = store.snapshot(1).get("Contact", id(1)).orElseThrow();
    assertThat(back).isEqualTo(v);
    assertThat(((BigDecimal) back.fields().get("Amount__c")).toPlainString()).isEqualTo("12.50");
    assertThat(List.copyOf(back.fields().keySet())).isEqualTo(List.copyOf(f.keySet()));
    try (InputStream in = store.openBlob((BlobRef) back.fields().get("Photo__c"))) {
      assertThat(new String(in.readAllBytes())).isEqualTo("jpeg bytes");
    }
  }

  @Test
  void unsortedInputOverTheBudgetYieldsSeveralSortedSegmentsThatMergeCorrectly() {
    store.close();
    store =
        RecordStore.open(volume, TENANT, kek, StoreOptions.defaults().withBufferBytes(64 * 1024));
    List<RecordVersion> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      rows.add(contact(i, T0 + i));
    }
    // Duplicates across buffers: a newer version of every 10th record arrives later.
    for (int i = 0; i < 3000; i += 10) {
      rows.add(contact(i, T0 + 10_000 + i, "Renamed" + i));
    }
    Collections.shuffle(rows.subList(0, 3000), new Random(42));
    Manifest m = backup(rows);
    List<Manifest.SegmentEntry> segs = m.object("Contact").orElseThrow().segments();
    assertThat(segs).hasSizeGreaterThan(3);
    List<RecordVersion> merged = drain(store.snapshot(1).records("Contact"));
    assertThat(merged).hasSize(3000);
    for (int i = 0; i < 3000; i++) {
      assertThat(merged.get(i).id()).isEqualTo(id(i));
      assertThat(merged.get(i).fields().get("LastName"))
          .isEqualTo(i % 10 == 0 ? "Renamed" + i : "Name" + i);
    }
    assertThat(m.object("Contact").orElseThrow().highWaterMark()).isEqualTo(T0 + 10_000 + 2990);
  }

  @Test
  void largeSegmentHasManyBlocksAndPointLookupsFindEveryRow() {
    List<RecordVersion> rows = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      rows.add(contact(i, T0));
    }
    backup(rows);
    Manifest.SegmentEntry seg = store.manifest(1).object("Contact").orElseThrow().segments().get(0);
    try (SegmentReader r = store.openSegment(seg, "Contact")) {
      assertThat(r.footer().blocks()).hasSizeGreaterThan(1);
    }
    Snapshot s = store.snapshot(1);
    for (int i = 0; i < 6000; i += 97) {
      assertThat(s.get("Contact", id(i))).contains(contact(i, T0));
    }
    assertThat(s.get("Contact", id(6001))).isEmpty();
  }

  @Test
  void tombstonesHideRowsHistoryAndChangesBetween() {
    List<RecordVersion> first = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      first.add(contact(i, T0 + i));
    }
    backup(first);
    backup(
        List.of(
            contact(5, T0 + 1000, "Changed"),
            RecordVersion.tombstone("Contact", id(7), T0 + 1001)));
    backup(List.of(contact(5, T0 + 2000, "ChangedAgain"), contact(200, T0 + 2001)));

    assertThat(store.backups()).containsExactly(1L, 2L, 3L);
    assertThat(drain(store.snapshot(1).records("Contact"))).hasSize(100);
    List<RecordVersion> at2 = drain(store.snapshot(2).records("Contact"));
    assertThat(at2).hasSize(99).noneMatch(v -> v.id().equals(id(7)));
    assertThat(store.snapshot(2).get("Contact", id(7))).isEmpty();
    assertThat(store.snapshot(1).get("Contact", id(7))).isPresent();
    assertThat(store.snapshot(3).get("Contact", id(5)).orElseThrow().fields().get("LastName"))
        .isEqualTo("ChangedAgain");
    assertThat(drain(store.snapshot(3).records("Contact"))).hasSize(100);

    List<HistoryEntry> h = store.history("Contact", id(5));
    assertThat(h).extracting(HistoryEntry::backupNumber).containsExactly(1L, 2L, 3L);
    assertThat(h)
        .extracting(e -> e.version().fields().get("LastName"))
        .containsExactly("Name5", "Changed", "ChangedAgain");
    assertThat(store.history("Contact", id(7)))
        .extracting(e -> e.version().kind())
        .containsExactly(RecordVersion.Kind.UPSERT, RecordVersion.Kind.TOMBSTONE);

    List<RecordVersion> changes = drain(store.changesBetween(1, 3, "Contact"));
    assertThat(changes).extracting(RecordVersion::id).containsExactly(id(5), id(7), id(200));
    assertThat(changes.get(0).fields().get("LastName")).isEqualTo("ChangedAgain");
    assertThat(changes.get(1).isTombstone()).isTrue();
    assertThat(drain(store.changesBetween(2, 3, "Contact")))
        .extracting(RecordVersion::id)
        .containsExactly(id(5), id(200));
    assertThat(drain(store.changesBetween(0, 1, "Contact"))).hasSize(100);
  }

  @Test
  void manifestsChainAndCarryUntouchedObjectsForward() {
    Manifest m1;
    try (BackupWriter b = store.beginBackup(ORG)) {
      b.object("Contact", CONTACT).add(contact(1, T0));
      ObjectWriter acc = b.object("Account", List.of(FieldSchema.of("Name", "string")));
      acc.add(RecordVersion.upsert("Account", "001000000000000001", T0, Map.of("Name", "Acme")));
      acc.highWaterMark(T0 + 5);
      m1 = b.commit();
    }
    Manifest m2 = backup(List.of(contact(2, T0 + 10)));
    assertThat(m1.previousMac()).isNull();
    assertThat(m2.previousMac()).isEqualTo(m1.mac());
    Manifest.ObjectEntry acc2 = m2.object("Account").orElseThrow();
    assertThat(acc2.highWaterMark()).isEqualTo(T0 + 5);
    assertThat(acc2.changedRows()).isZero();
    assertThat(acc2.segments()).isEqualTo(m1.object("Account").orElseThrow().segments());
    Manifest.ObjectEntry c2 = m2.object("Contact").orElseThrow();
    assertThat(c2.segments()).extracting(Manifest.SegmentEntry::backup).containsExactly(1L, 2L);
    assertThat(c2.changedRows()).isEqualTo(1);
    assertThat(store.manifest(2)).isEqualTo(m2);
    assertThat(store.snapshot(2).get("Account", "001000000000000001")).isPresent();
  }

  @Test
  void fieldTypeChangeBetweenBackupsKeepsEachBackupsSchemaAndValues() {
    List<FieldSchema> v1 =
        List.of(FieldSchema.of("Id", "id"), FieldSchema.of("Amount__c", "string"));
    List<FieldSchema> v2 =
        List.of(FieldSchema.of("Id", "id"), new FieldSchema("Amount__c", "currency", 0, 18, 2));
    try (BackupWriter b = store.beginBackup(ORG)) {
      ObjectWriter w = b.object("Deal__c", v1);
      w.add(RecordVersion.upsert("Deal__c", id(1), T0, Map.of("Id", id(1), "Amount__c", "12.50")));
      w.add(RecordVersion.upsert("Deal__c", id(2), T0, Map.of("Id", id(2), "Amount__c", "n/a")));
      b.commit();
    }
    try (BackupWriter b = store.beginBackup(ORG)) {
      ObjectWriter w = b.object("Deal__c", v2);
      RecordVersion wrongType =
          RecordVersion.upsert("Deal__c", id(3), T0, Map.of("Id", id(3), "Amount__c", "7"));
      assertThatThrownBy(() -> w.add(wrongType))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessageContaining("Deal__c.Amount__c")
          .hasMessageContaining("currency");
      w.add(
          RecordVersion.upsert(
              "Deal__c", id(1), T0 + 1, Map.of("Id", id(1), "Amount__c", new BigDecimal("13.75"))));
      b.commit();
    }
    assertThat(store.snapshot(1).schema("Deal__c")).isEqualTo(v1);
    assertThat(store.snapshot(2).schema("Deal__c")).isEqualTo(v2);
    Snapshot s2 = store.snapshot(2);
    assertThat(s2.get("Deal__c", id(1)).orElseThrow().fields().get("Amount__c"))
        .isEqualTo(new BigDecimal("13.75"));
    // An unchanged row written under the old schema still decodes with its own type.
    assertThat(s2.get("Deal__c", id(2)).orElseThrow().fields().get("Amount__c")).isEqualTo("n/a");
    assertThat(store.history("Deal__c", id(1)))
        .extracting(e -> e.version().fields().get("Amount__c"))
        .containsExactly("12.50", new BigDecimal("13.75"));
    assertThat(store.verify().ok()).isTrue();
  }

  @Test
  void blobsAreChunkedDeduplicatedAcrossBackupsAndStreamBack() throws Exception {
    byte[] body = new byte[BlobStore.CHUNK_BYTES * 2 + 12345];
    new Random(7).nextBytes(body);
    BlobRef first;
    try (BackupWriter b = store.beginBackup(ORG)) {
      first = b.writeBlob(new ByteArrayInputStream(body));
      assertThat(first.chunks()).hasSize(3);
      assertThat(first.length()).isEqualTo(body.length);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("Id", id(1));
      f.put("Photo__c", first);
      b.object("Contact", CONTACT).add(RecordVersion.upsert("Contact", id(1), T0, f));
      b.commit();
    }
    try (BackupWriter b = store.beginBackup(ORG)) {
      long storedBefore = b.chunksStored();
      BlobRef again = b.writeBlob(new ByteArrayInputStream(body));
      assertThat(again).isEqualTo(first);
      assertThat(b.chunksStored()).isEqualTo(storedBefore);
      assertThat(b.chunksDeduplicated()).isEqualTo(3);
      b.commit();
    }
    try (Stream<Path> files = Files.walk(volume.resolve("blobs"))) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(3);
    }
    try (InputStream in = store.openBlob(first)) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    BlobRef empty;
    try (BackupWriter b = store.beginBackup(ORG)) {
      empty = b.writeBlob(new ByteArrayInputStream(new byte[0]));
      b.commit();
    }
    assertThat(empty.chunks()).isEmpty();
    try (InputStream in = store.openBlob(empty)) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  @Test
  void crashLeftoversAreInvisibleAndCollectedAsGarbage() throws Exception {
    backup(List.of(contact(1, T0)));
    // A crash before the rename: a temp manifest, a half-written temp segment, a complete but
    // unreferenced segment from an abandoned backup, and a stray chunk.
    Files.write(
        volume.resolve("manifests/.tmp-0123456789abcdef-0000000002.manifest"), new byte[] {1, 2});
    Files.write(volume.resolve("segments/.tmp-0123456789abcdef-00.seg"), new byte[100]);
    try (BackupWriter b = store.beginBackup(ORG)) {
      b.object("Contact", CONTACT).add(contact(2, T0));
      b.writeBlob(new ByteArrayInputStream("orphan".getBytes()));
      b.object("Contact", CONTACT); // fails: started twice
    } catch (IllegalStateException expected) {
      // The writer was closed without commit.
    }
    try (BackupWriter b = store.beginBackup(ORG)) {
      ObjectWriter w = b.object("Contact", CONTACT);
      w.add(contact(3, T0));
      w.finish(); // segment written, then the process "dies" before commit
      Files.copy(store.segmentPath(w.segments().get(0).id()), volume.resolve("segments/keep-copy"));
    }
    Files.move(
        volume.resolve("segments/keep-copy"),
        volume.resolve("segments/" + "ab".repeat(16) + ".seg"));

    assertThat(store.backups()).containsExactly(1L);
    assertThat(drain(store.snapshot(1).records("Contact"))).hasSize(1);
    assertThat(store.verify().ok()).isTrue();

    GcReport gc = store.collectGarbage();
    assertThat(gc.tempFiles()).isEqualTo(2);
    assertThat(gc.segments()).isEqualTo(1);
    assertThat(gc.chunks()).isEqualTo(1);
    try (Stream<Path> files = Files.list(volume.resolve("segments"))) {
      assertThat(files.count()).isEqualTo(1);
    }
    assertThat(store.verify().ok()).isTrue();
    backup(List.of(contact(4, T0)));
    assertThat(store.backups()).containsExactly(1L, 2L);
  }

  @Test
  void secondWriterOnTheSameVolumeIsRefused() {
    try (BackupWriter b = store.beginBackup(ORG)) {
      assertThatThrownBy(() -> store.beginBackup(ORG))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("already running");
      assertThatThrownBy(store::collectGarbage).isInstanceOf(StoreException.class);
    }
  }

  @Test
  void inputErrorsAreClear() {
    assertThatThrownBy(() -> contact(1, T0).fields().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> RecordVersion.upsert("Contact", "003short", T0, Map.of()))
        .hasMessageContaining("18-character");
    assertThatThrownBy(() -> RecordVersion.upsert("Contact", id(1), T0, Map.of("Score__c", 1.5d)))
        .hasMessageContaining("BigDecimal");
    assertThatThrownBy(
            () -> RecordVersion.upsert("Contact", id(1), T0, Map.of("Photo__c", new byte[1])))
        .hasMessageContaining("blob store");
    try (BackupWriter b = store.beginBackup(ORG)) {
      ObjectWriter w = b.object("Contact", CONTACT);
      assertThatThrownBy(
              () -> w.add(RecordVersion.upsert("Contact", id(1), T0, Map.of("Nope__c", "x"))))
          .isInstanceOf(SchemaMismatchException.class)
          .hasMessageContaining("Contact.Nope__c");
    }
  }
}
