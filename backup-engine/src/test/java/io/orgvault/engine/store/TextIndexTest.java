package io.orgvault.engine.store;

import static io.orgvault.engine.store.Fixture.CONTACT;
import static io.orgvault.engine.store.Fixture.ORG;
import static io.orgvault.engine.store.Fixture.T0;
import static io.orgvault.engine.store.Fixture.TENANT;
import static io.orgvault.engine.store.Fixture.contact;
import static io.orgvault.engine.store.Fixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.browse.BackupBrowser;
import io.orgvault.engine.browse.RecordPage;
import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment text index: search by word prefix, equal to a scan, across formats and damage. */
class TextIndexTest {
  @TempDir Path dir;
  private KeyEncryptionKey kek;

  @BeforeEach
  void kek() throws Exception {
    kek = Fixture.newKek(dir, "kek.key");
  }

  @AfterEach
  void close() {
    kek.close();
  }

  private static String lastName(int i) {
    return switch (i % 4) {
      case 0 -> "Smith-Jones";
      case 1 -> "Smithson " + i;
      case 2 -> "O'Brien";
      default -> "Miller";
    };
  }

  /**
   * Backup 1: contacts 1..400. Backup 2: 5 renamed (its old words must not match), 6 deleted, 401
   * added. Backup 3: 7 renamed to a Smith. A small buffer gives several segments per backup.
   */
  private RecordStore threeBackups(Path volume, int format) {
    RecordStore.create(volume, TENANT, kek).close();
    RecordStore store =
        RecordStore.open(volume, TENANT, kek, StoreOptions.defaults().withBufferBytes(16 * 1024));
    store.writeSegmentsInFormat(format);
    try (BackupWriter b = store.beginBackup(ORG)) {
      ObjectWriter w = b.object("Contact", CONTACT);
      for (int i = 1; i <= 400; i++) {
        w.add(contact(i, T0 + i, lastName(i)));
      }
      b.commit();
    }
    try (BackupWriter b = store.beginBackup(ORG)) {
      ObjectWriter w = b.object("Contact", CONTACT);
      w.add(contact(5, T0 + 1000, "Zeta"));
      w.add(RecordVersion.tombstone("Contact", id(6), T0 + 1000));
      w.add(contact(401, T0 + 1000, "Smith"));
      b.commit();
    }
    try (BackupWriter b = store.beginBackup(ORG)) {
      b.object("Contact", CONTACT).add(contact(7, T0 + 2000, "Smithers"));
      b.commit();
    }
    return store;
  }

  private static List<String> all(Function<String, RecordPage> page) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      RecordPage p = page.apply(cursor);
      p.records().forEach(v -> ids.add(v.id()));
      cursor = p.nextCursor().orElse(null);
    } while (cursor != null);
    return ids;
  }

  /** The search's meaning, written independently of the code under test, applied to a scan. */
  private static List<String> scan(RecordStore store, long backup, String... prefixes) {
    List<String> out = new ArrayList<>();
    for (RecordVersion v : Fixture.drain(store.snapshot(backup).records("Contact"))) {
      List<String> words = new ArrayList<>();
      for (String f : List.of("LastName", "Email")) {
        if (v.fields().get(f) instanceof String s) {
          for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")) {
            words.add(w);
          }
        }
      }
      boolean all = true;
      for (String p : prefixes) {
        all &= words.stream().anyMatch(w -> !w.isEmpty() && w.startsWith(p));
      }
      if (all) {
        out.add(v.id());
      }
    }
    return out;
  }

  private static List<String> search(RecordStore store, long backup, String text) {
    BackupBrowser b = new BackupBrowser(store, backup);
    return all(c -> b.search("Contact", text, c, 7));
  }

  @Test
  void searchFindsWordPrefixesAsAScanWouldAcrossBackups() {
    try (RecordStore store = threeBackups(dir.resolve("v"), SegmentFormat.VERSION)) {
      for (long backup = 1; backup <= 3; backup++) {
        assertThat(search(store, backup, "SMI")).isEqualTo(scan(store, backup, "smi")).isNotEmpty();
        assertThat(search(store, backup, "smith jon"))
            .isEqualTo(scan(store, backup, "smith", "jon"));
        assertThat(search(store, backup, "person12"))
            .isEqualTo(scan(store, backup, "person12"))
            .contains(id(12), id(120), id(129));
        assertThat(search(store, backup, "brien example"))
            .isEqualTo(scan(store, backup, "brien", "example"));
      }
      // Superseded words: 5 was Smithson, now Zeta; deleted records match nothing.
      assertThat(search(store, 1, "smithson")).contains(id(5));
      assertThat(search(store, 2, "smithson")).doesNotContain(id(5));
      assertThat(search(store, 2, "zeta")).containsExactly(id(5));
      assertThat(search(store, 1, "person6")).contains(id(6));
      assertThat(search(store, 2, "person6")).doesNotContain(id(6)).contains(id(60));
      assertThat(search(store, 3, "smithers")).containsExactly(id(7));
      assertThat(search(store, 2, "smithers")).isEmpty();
      // Substrings inside a word are not word prefixes.
      assertThat(search(store, 3, "mith")).isEmpty();

      // The index narrowed the candidates: far fewer than the object's rows were looked up.
      Snapshot s = store.snapshot(3);
      List<String> fields = TextTokens.searchableFields(s.schema("Contact"));
      assertThat(fields).containsExactly("LastName", "Email");
      try (TextCandidates c =
          s.textCandidates("Contact", List.of("person12"), fields, null).orElseThrow()) {
        List<String> ids = new ArrayList<>();
        c.forEachRemaining(ids::add);
        assertThat(ids).hasSize(11).isSorted();
      }
    }
  }

  @Test
  void equalityOnASearchableFieldUsesTheIndexAndComparesByValue() {
    try (RecordStore store = threeBackups(dir.resolve("v"), SegmentFormat.VERSION)) {
      BackupBrowser b = new BackupBrowser(store, 3);
      List<String> expected = new ArrayList<>();
      for (RecordVersion v : Fixture.drain(store.snapshot(3).records("Contact"))) {
        if ("Smith-Jones".equals(v.fields().get("LastName"))) {
          expected.add(v.id());
        }
      }
      assertThat(all(c -> b.whereEquals("Contact", "LastName", "Smith-Jones", c, 9)))
          .isEqualTo(expected)
          .hasSize(100);
      // Same words, different value: candidates by word, rejected by value.
      assertThat(all(c -> b.whereEquals("Contact", "LastName", "Jones Smith", c, 9))).isEmpty();
      assertThat(all(c -> b.whereEquals("Contact", "Email", "person401@example.com", c, 9)))
          .containsExactly(id(401));
      assertThat(all(c -> b.whereEquals("Contact", "Email", "person6@example.com", c, 9)))
          .isEmpty();
    }
  }

  @Test
  void versionOneSegmentsAreReadAndSearchedByScan() throws Exception {
    try (RecordStore v1 = threeBackups(dir.resolve("v1"), SegmentFormat.VERSION_1);
        RecordStore v2 = threeBackups(dir.resolve("v2"), SegmentFormat.VERSION)) {
      Manifest.SegmentEntry seg = v1.manifest(3).object("Contact").orElseThrow().segments().get(0);
      try (RandomAccessFile f = new RandomAccessFile(v1.segmentPath(seg.id()).toFile(), "r")) {
        f.seek(4);
        assertThat(f.readUnsignedShort()).isEqualTo(1);
      }
      Snapshot s = v1.snapshot(3);
      assertThat(s.textCandidates("Contact", List.of("smi"), List.of("LastName"), null)).isEmpty();
      for (String q : List.of("smi", "person12", "smith jon", "zeta")) {
        assertThat(search(v1, 3, q)).isEqualTo(search(v2, 3, q));
      }
      assertThat(v1.verify().damages()).isEmpty();

      // A store holding both formats: backups after the upgrade write version 2.
      v1.writeSegmentsInFormat(SegmentFormat.VERSION);
      try (BackupWriter b = v1.beginBackup(ORG)) {
        b.object("Contact", CONTACT).add(contact(402, T0 + 3000, "Smithy"));
        b.commit();
      }
      assertThat(search(v1, 4, "smithy")).containsExactly(id(402));
      assertThat(search(v1, 4, "smi")).isEqualTo(scan(v1, 4, "smi"));
      assertThat(v1.verify().damages()).isEmpty();
    }
  }

  @Test
  void aDamagedIndexSectionIsNamedByVerifyAndFailsTheSearch() throws Exception {
    try (RecordStore store = threeBackups(dir.resolve("v"), SegmentFormat.VERSION)) {
      Manifest.SegmentEntry seg =
          store.manifest(3).object("Contact").orElseThrow().segments().get(0);
      Path file = store.segmentPath(seg.id());
      long at;
      try (SegmentReader r = store.openSegment(seg, "Contact")) {
        at = r.footer().textIndex().offset() + 3;
      }
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
        f.seek(at);
        int b = f.read();
        f.seek(at);
        f.write(b ^ 0x01);
      }
      assertThat(store.verify().damages())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.kind()).isEqualTo(DamageKind.TEXT_INDEX_UNREADABLE);
                assertThat(d.file()).isEqualTo(file);
              });
      assertThatThrownBy(() -> search(store, 3, "smi"))
          .isInstanceOfSatisfying(
              StoreCorruptedException.class,
              e -> assertThat(e.kind()).isEqualTo(DamageKind.TEXT_INDEX_UNREADABLE));
      // The rows themselves are intact: reading and point lookups still work.
      assertThat(store.snapshot(3).get("Contact", id(12))).isPresent();
      assertThat(Files.size(file)).isEqualTo(seg.bytes());
    }
  }

  @Test
  void compactionKeepsSearchResults() {
    try (RecordStore store = threeBackups(dir.resolve("v"), SegmentFormat.VERSION)) {
      List<String> queries = List.of("smi", "person12", "smith jon", "zeta", "smithers");
      List<List<String>> before = new ArrayList<>();
      for (String q : queries) {
        before.add(search(store, 3, q));
      }
      int segmentsBefore = store.manifest(3).object("Contact").orElseThrow().segments().size();
      PruneReport r = store.prune(new PruneOptions(new RetentionPolicy(0, 0, 1), true, false));
      assertThat(r.compactions()).isNotEmpty();
      assertThat(store.manifest(3).object("Contact").orElseThrow().segments().size())
          .isLessThan(segmentsBefore);
      for (int i = 0; i < queries.size(); i++) {
        assertThat(search(store, 3, queries.get(i))).isEqualTo(before.get(i));
      }
      assertThat(
              store
                  .snapshot(3)
                  .textCandidates("Contact", List.of("smi"), List.of("LastName"), null))
          .isPresent();
      assertThat(store.verify().damages()).isEmpty();
    }
  }

  @Test
  void aFieldThatBecameSearchableIsFoundInSegmentsThatDidNotIndexIt() {
    List<FieldSchema> before =
        List.of(FieldSchema.of("Id", "id"), new FieldSchema("Mobile__c", "string", 40, 0, 0));
    List<FieldSchema> after =
        List.of(FieldSchema.of("Id", "id"), new FieldSchema("Mobile__c", "phone", 40, 0, 0));
    RecordStore.create(dir.resolve("v"), TENANT, kek).close();
    try (RecordStore store = RecordStore.open(dir.resolve("v"), TENANT, kek)) {
      try (BackupWriter b = store.beginBackup(ORG)) {
        ObjectWriter w = b.object("Lead", before);
        for (int i = 1; i <= 50; i++) {
          w.add(
              RecordVersion.upsert(
                  "Lead",
                  id(i),
                  T0 + i,
                  java.util.Map.of("Id", id(i), "Mobile__c", "+1 555 01" + i)));
        }
        b.commit();
      }
      try (BackupWriter b = store.beginBackup(ORG)) {
        b.object("Lead", after)
            .add(
                RecordVersion.upsert(
                    "Lead",
                    id(51),
                    T0 + 100,
                    java.util.Map.of("Id", id(51), "Mobile__c", "+1 555 0151")));
        b.commit();
      }
      BackupBrowser b2 = new BackupBrowser(store, 2);
      assertThat(BackupBrowser.searchableFields(store.snapshot(2).schema("Lead")))
          .containsExactly("Mobile__c");
      // Backup 1's segment did not index Mobile__c (a plain string then), yet its rows match now.
      assertThat(all(c -> b2.search("Lead", "0115", c, 10))).containsExactly(id(15));
      assertThat(all(c -> b2.search("Lead", "015", c, 10))).containsExactly(id(5), id(50), id(51));
      assertThat(all(c -> b2.whereEquals("Lead", "Mobile__c", "+1 555 0123", c, 10)))
          .containsExactly(id(23));
      assertThat(BackupBrowser.searchableFields(store.snapshot(1).schema("Lead"))).isEmpty();
    }
  }

  @Test
  void indexDecodingRejectsMalformedSections() {
    FieldDictionary dict = new FieldDictionary(CONTACT);
    TextIndex.Builder builder = new TextIndex.Builder(dict);
    builder.add(0, contact(1, T0, "Ann Lee"));
    builder.add(1, contact(2, T0, "Lee " + "word ".repeat(70)));
    byte[] plain = builder.encode();
    TextIndex index =
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> TextIndex.decode(plain, 2));
    assertThat(index.allWords()).contains("ann", "lee", "person1", "example", "com", "word");
    // Row 1 hit the per-field word limit, so it is a candidate for any query.
    assertThat(index.candidates(List.of("ann")).stream().boxed().toList()).containsExactly(0, 1);
    assertThat(index.candidates(List.of("zzz")).stream().boxed().toList()).containsExactly(1);
    // Ordinals beyond the segment's rows and trailing bytes are damage.
    assertThatThrownBy(() -> TextIndex.decode(plain, 1)).isInstanceOf(ByteReader.Malformed.class);
    byte[] longer = java.util.Arrays.copyOf(plain, plain.length + 1);
    assertThatThrownBy(() -> TextIndex.decode(longer, 2)).isInstanceOf(ByteReader.Malformed.class);
  }
}
