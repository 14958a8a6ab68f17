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
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage anywhere in the store is found, named by file, region and block, and never fatal. */
class CorruptionTest {
  @TempDir Path dir;
  Path volume;
  KeyEncryptionKey kek;
  RecordStore store;
  BlobRef blob;
  Path bigSegment;
  Path smallSegment;

  @BeforeEach
  void setUp() throws Exception {
    volume = dir.resolve("volume");
    kek = Fixture.newKek(dir, "kek.key");
    store = RecordStore.create(volume, TENANT, kek);
    try (BackupWriter b = store.beginBackup(ORG)) {
      byte[] body = new byte[BlobStore.CHUNK_BYTES + 1000];
      new Random(1).nextBytes(body);
      blob = b.writeBlob(new ByteArrayInputStream(body));
      ObjectWriter w = b.object("Contact", CONTACT);
      for (int i = 0; i < 6000; i++) {
        RecordVersion v = contact(i, T0);
        if (i == 3) {
          Map<String, Object> f = new LinkedHashMap<>(v.fields());
          f.put("Photo__c", blob);
          v = RecordVersion.upsert("Contact", v.id(), T0, f);
        }
        w.add(v);
      }
      b.commit();
    }
    try (BackupWriter b = store.beginBackup(ORG)) {
      b.object("Contact", CONTACT).add(contact(1, T0 + 5, "Changed"));
      b.commit();
    }
    List<Manifest.SegmentEntry> segs = store.manifest(2).object("Contact").orElseThrow().segments();
    bigSegment = store.segmentPath(segs.get(0).id());
    smallSegment = store.segmentPath(segs.get(1).id());
    assertThat(store.verify().ok()).isTrue();
  }

  @AfterEach
  void tearDown() {
    store.close();
    kek.close();
  }

  static void flip(Path file, long offset) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0x5A);
    }
  }

  private SegmentFooter footer(Path segment) {
    Manifest.SegmentEntry e =
        store.manifest(2).object("Contact").orElseThrow().segments().stream()
            .filter(s -> store.segmentPath(s.id()).equals(segment))
            .findFirst()
            .orElseThrow();
    try (SegmentReader r = store.openSegment(e, "Contact")) {
      return r.footer();
    }
  }

  private List<Damage> damages() {
    return store.verify().damages();
  }

  @Test
  void flippedByteInABlockIsNamedByFileAndBlockNumber() throws Exception {
    SegmentFooter.BlockEntry b1 = footer(bigSegment).blocks().get(1);
    flip(bigSegment, b1.offset() + b1.sealedLength() / 2);
    assertThat(damages())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.file()).isEqualTo(bigSegment);
              assertThat(d.kind()).isEqualTo(DamageKind.BLOCK_UNREADABLE);
              assertThat(d.block()).isEqualTo(1);
              assertThat(d.offset()).isEqualTo(b1.offset());
            });
    // Reading the damaged state fails with a typed error naming the block, not a wrong answer.
    assertThatThrownBy(() -> drain(store.snapshot(2).records("Contact")))
        .isInstanceOfSatisfying(
            StoreCorruptedException.class,
            e -> {
              assertThat(e.file()).isEqualTo(bigSegment);
              assertThat(e.block()).isEqualTo(1);
            });
    // Records in undamaged blocks are still reachable by point lookup.
    assertThat(store.snapshot(2).get("Contact", id(1))).isPresent();
  }

  @Test
  void everyDamageIsReportedNotJustTheFirst() throws Exception {
    SegmentFooter f = footer(bigSegment);
    flip(bigSegment, f.blocks().get(0).offset() + 5);
    flip(bigSegment, f.blocks().get(2).offset() + 5);
    Path chunk = store.blobStore().chunkPath(blob.chunks().get(1));
    flip(chunk, Files.size(chunk) - 3);
    flip(store.manifests().path(1), 40);
    List<Damage> d = damages();
    assertThat(d)
        .extracting(Damage::kind)
        .contains(
            DamageKind.BLOCK_UNREADABLE,
            DamageKind.CHUNK_UNREADABLE,
            DamageKind.MANIFEST_MAC_MISMATCH);
    assertThat(d)
        .filteredOn(x -> x.kind() == DamageKind.BLOCK_UNREADABLE)
        .extracting(Damage::block)
        .containsExactly(0L, 2L);
  }

  @Test
  void headerFooterAndTrailerDamageIsNamed() throws Exception {
    long size = Files.size(bigSegment);
    SegmentFooter f = footer(bigSegment);
    SegmentFooter.BlockEntry last = f.blocks().get(f.blocks().size() - 1);
    long textIndexStart = last.offset() + last.sealedLength();
    assertThat(f.textIndex().offset()).isEqualTo(textIndexStart);
    long changeIndexStart = textIndexStart + f.textIndex().sealedLength();
    assertThat(f.changeIndex().offset()).isEqualTo(changeIndexStart);
    long footerStart = changeIndexStart + f.changeIndex().sealedLength();
    long[] offsets = {
      0,
      5,
      7,
      12,
      textIndexStart + 3,
      changeIndexStart + 3,
      footerStart + 3,
      size - 1,
      size - 5,
      size - 10,
      size - 20
    };
    DamageKind[] kinds = {
      DamageKind.BAD_HEADER,
      DamageKind.BAD_HEADER,
      DamageKind.BAD_HEADER,
      DamageKind.BAD_HEADER,
      DamageKind.TEXT_INDEX_UNREADABLE,
      DamageKind.CHANGE_INDEX_UNREADABLE,
      DamageKind.FOOTER_UNREADABLE,
      DamageKind.BAD_TRAILER,
      DamageKind.BAD_TRAILER,
      DamageKind.FOOTER_UNREADABLE, // footer plain length: bound into the footer's AAD
      DamageKind.BAD_TRAILER
    };
    for (int i = 0; i < offsets.length; i++) {
      flip(bigSegment, offsets[i]);
      List<Damage> d = damages();
      assertThat(d).as("offset %d", offsets[i]).hasSize(1);
      assertThat(d.get(0).file()).isEqualTo(bigSegment);
      assertThat(d.get(0).kind()).as("offset %d", offsets[i]).isEqualTo(kinds[i]);
      flip(bigSegment, offsets[i]); // restore
    }
    assertThat(store.verify().ok()).isTrue();
  }

  @Test
  void truncatedFilesAreNamed() throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(bigSegment.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Path manifest = store.manifests().path(2);
    try (RandomAccessFile f = new RandomAccessFile(manifest.toFile(), "rw")) {
      f.setLength(f.length() - 10);
    }
    List<Damage> d = damages();
    assertThat(d).extracting(Damage::file).contains(bigSegment, manifest);
    assertThat(d)
        .filteredOn(x -> x.file().equals(bigSegment))
        .extracting(Damage::kind)
        .containsExactly(DamageKind.BAD_TRAILER);
  }

  @Test
  void damagedOrMissingChunksAreFoundAndBlobReadsFail() throws Exception {
    Path c0 = store.blobStore().chunkPath(blob.chunks().get(0));
    Path c1 = store.blobStore().chunkPath(blob.chunks().get(1));
    flip(c0, 70);
    Files.delete(c1);
    List<Damage> d = damages();
    assertThat(d)
        .anySatisfy(
            x -> {
              assertThat(x.file()).isEqualTo(c0);
              assertThat(x.kind()).isEqualTo(DamageKind.CHUNK_UNREADABLE);
            });
    assertThat(d)
        .anySatisfy(
            x -> {
              assertThat(x.file()).isEqualTo(c1);
              assertThat(x.kind()).isEqualTo(DamageKind.MISSING_FILE);
            });
    assertThatThrownBy(
            () -> {
              try (InputStream in = store.openBlob(blob)) {
                in.readAllBytes();
              }
            })
        .isInstanceOfSatisfying(
            StoreCorruptedException.class, e -> assertThat(e.file()).isEqualTo(c0));
  }

  @Test
  void damagedManifestBreaksItsMacAndTheChainAfterIt() throws Exception {
    Path m1 = store.manifests().path(1);
    flip(m1, Files.size(m1) - 1); // inside the stored MAC
    List<Damage> d = damages();
    assertThat(d)
        .anySatisfy(
            x -> {
              assertThat(x.file()).isEqualTo(m1);
              assertThat(x.kind()).isEqualTo(DamageKind.MANIFEST_MAC_MISMATCH);
            });
    assertThat(d)
        .anySatisfy(
            x -> {
              assertThat(x.file()).isEqualTo(store.manifests().path(2));
              assertThat(x.kind()).isEqualTo(DamageKind.CHAIN_BROKEN);
            });
    assertThatThrownBy(() -> store.snapshot(1)).isInstanceOf(StoreCorruptedException.class);
    // The newer backup is intact and readable; a new backup chains from it.
    assertThat(drain(store.snapshot(2).records("Contact"))).hasSize(6000);
  }

  @Test
  void missingManifestInTheMiddleBreaksTheChain() throws Exception {
    try (BackupWriter b = store.beginBackup(ORG)) {
      b.object("Contact", CONTACT).add(contact(2, T0 + 9));
      b.commit();
    }
    Files.delete(store.manifests().path(2));
    assertThat(damages())
        .anySatisfy(
            x -> {
              assertThat(x.file()).isEqualTo(store.manifests().path(2));
              assertThat(x.kind()).isEqualTo(DamageKind.CHAIN_BROKEN);
            });
  }

  @Test
  void missingSegmentIsNamed() throws Exception {
    Files.delete(smallSegment);
    assertThat(damages())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.file()).isEqualTo(smallSegment);
              assertThat(x.kind()).isEqualTo(DamageKind.MISSING_FILE);
            });
  }

  /**
   * Fuzz-ish: every single byte of a small segment, the manifests and a chunk is flipped in turn;
   * each time verify reports damage in exactly that file and never throws.
   */
  @Test
  void flippingAnySingleByteIsDetectedInThatFile() throws Exception {
    // Keep each verify cheap: only small files are left to check in the loop.
    Files.delete(bigSegment);
    Files.delete(store.blobStore().chunkPath(blob.chunks().get(0)));
    Path chunk = store.blobStore().chunkPath(blob.chunks().get(1));
    List<Path> files = new ArrayList<>(List.of(smallSegment, store.manifests().path(2), chunk));
    for (Path file : files) {
      long size = Files.size(file);
      long step = Math.max(1, size / 700); // the chunk is ~1 KB sealed; segment/manifest smaller
      for (long off = 0; off < size; off += step) {
        flip(file, off);
        List<Damage> d = damages();
        long at = off;
        assertThat(d)
            .as("byte %d of %s", at, file.getFileName())
            .anySatisfy(x -> assertThat(x.file()).isEqualTo(file));
        flip(file, off);
      }
    }
  }
}
