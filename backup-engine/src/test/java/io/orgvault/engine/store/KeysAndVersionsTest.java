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
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAndVersionsTest {
  @TempDir Path dir;

  private Path volumeWithOneBackup(KeyEncryptionKey kek) {
    Path volume = dir.resolve("volume");
    try (RecordStore store = RecordStore.create(volume, TENANT, kek);
        BackupWriter b = store.beginBackup(ORG)) {
      b.object("Contact", CONTACT).add(contact(1, T0));
      try {
        b.writeBlob(new ByteArrayInputStream("body".getBytes()));
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      b.commit();
    }
    return volume;
  }

  private static Map<String, String> digests(Path volume) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(volume)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        out.put(volume.relativize(p).toString(), HexFormat.of().formatHex(d));
      }
    }
    return out;
  }

  @Test
  void wrongKekOrTenantIsAWrongKeyExceptionWithoutSecrets() throws Exception {
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key");
        KeyEncryptionKey other = Fixture.newKek(dir, "other.key")) {
      Path volume = volumeWithOneBackup(kek);
      String otherHex = HexFormat.of().formatHex(Files.readAllBytes(dir.resolve("other.key")));
      assertThatThrownBy(() -> RecordStore.open(volume, TENANT, other))
          .isInstanceOf(WrongKeyException.class)
          .hasMessageContaining(kek.id())
          .hasMessageContaining(other.id())
          .message()
          .doesNotContain(otherHex.substring(0, 16));
      assertThatThrownBy(() -> RecordStore.open(volume, "tenant-other", kek))
          .isInstanceOf(WrongKeyException.class)
          .hasMessageContaining("tenant-acme");
    }
  }

  @Test
  void damagedWrappedKeyIsAWrongKeyException() throws Exception {
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key")) {
      Path volume = volumeWithOneBackup(kek);
      Path keyFile = volume.resolve("keys/data-key");
      CorruptionTest.flip(keyFile, Files.size(keyFile) - 2);
      assertThatThrownBy(() -> RecordStore.open(volume, TENANT, kek))
          .isInstanceOf(WrongKeyException.class)
          .hasMessageContaining("damaged");
    }
  }

  @Test
  void kekRotationRewrapsTheDataKeyOnly() throws Exception {
    try (KeyEncryptionKey oldKek = Fixture.newKek(dir, "old.key");
        KeyEncryptionKey newKek = Fixture.newKek(dir, "new.key")) {
      Path volume = volumeWithOneBackup(oldKek);
      Map<String, String> before = digests(volume);
      RecordStore.rotateKeyEncryptionKey(volume, TENANT, oldKek, newKek);
      Map<String, String> after = digests(volume);
      List<String> changed = new ArrayList<>();
      for (String f : before.keySet()) {
        if (!before.get(f).equals(after.get(f))) {
          changed.add(f);
        }
      }
      assertThat(changed).containsExactly("keys/data-key");
      assertThat(after.keySet()).isEqualTo(before.keySet());
      assertThatThrownBy(() -> RecordStore.open(volume, TENANT, oldKek))
          .isInstanceOf(WrongKeyException.class);
      try (RecordStore store = RecordStore.open(volume, TENANT, newKek)) {
        assertThat(drain(store.snapshot(1).records("Contact"))).containsExactly(contact(1, T0));
        assertThat(store.verify().ok()).isTrue();
      }
    }
  }

  private static void writeU16(Path file, long offset, int value) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.writeShort(value);
    }
  }

  @Test
  void unknownFormatVersionsAreRejectedWithATypedError() throws Exception {
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key")) {
      Path volume = volumeWithOneBackup(kek);
      try (RecordStore store = RecordStore.open(volume, TENANT, kek)) {
        // Segment: header and trailer both say version 4 (a newer writer), not a flipped byte.
        Manifest.SegmentEntry seg =
            store.manifest(1).object("Contact").orElseThrow().segments().get(0);
        Path segment = store.segmentPath(seg.id());
        writeU16(segment, 4, 4);
        writeU16(segment, Files.size(segment) - 8, 4);
        assertThatThrownBy(() -> drain(store.snapshot(1).records("Contact")))
            .isInstanceOfSatisfying(
                UnsupportedFormatVersionException.class,
                e -> {
                  assertThat(e.foundVersion()).isEqualTo(4);
                  assertThat(e.file()).isEqualTo(segment);
                });
        assertThat(store.verify().damages())
            .extracting(Damage::kind)
            .contains(DamageKind.UNSUPPORTED_VERSION);

        // Chunk with version 2.
        Path chunk;
        try (Stream<Path> s = Files.walk(volume.resolve("blobs"))) {
          chunk = s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        writeU16(chunk, 4, 2);
        assertThatThrownBy(
                () ->
                    store.blobStore().readChunk(ContentId.fromHex(chunk.getFileName().toString())))
            .isInstanceOf(UnsupportedFormatVersionException.class);

        // Manifest with version 2 and a valid MAC (as a newer OrgVault would write it).
        Path manifest = store.manifests().path(1);
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[5] = 2;
        byte[] body = java.util.Arrays.copyOf(bytes, bytes.length - 32);
        byte[] mac = store.key().manifestMac().doFinal(body);
        System.arraycopy(mac, 0, bytes, bytes.length - 32, 32);
        Files.write(manifest, bytes);
        assertThatThrownBy(() -> store.manifest(1))
            .isInstanceOf(UnsupportedFormatVersionException.class);
      }
      // Key file with version 2.
      writeU16(volume.resolve("keys/data-key"), 4, 2);
      assertThatThrownBy(() -> RecordStore.open(volume, TENANT, kek))
          .isInstanceOf(UnsupportedFormatVersionException.class);
    }
  }
}
