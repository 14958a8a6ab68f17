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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk at any write fails the backup with a clear error and loses nothing. */
class DiskFullTest {
  @TempDir Path dir;

  private static long regularFiles(Path volume) throws Exception {
    try (Stream<Path> s = Files.walk(volume)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.endsWith("lock")).count();
    }
  }

  @Test
  void fullDiskAtEachStageLeavesEarlierBackupsIntact() throws Exception {
    Path volume = dir.resolve("volume");
    QuotaStorageIo io = new QuotaStorageIo(Long.MAX_VALUE);
    StoreOptions options = StoreOptions.defaults().withIo(io).withBufferBytes(32 * 1024);
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key");
        RecordStore store = RecordStore.create(volume, TENANT, kek, options)) {
      try (BackupWriter b = store.beginBackup(ORG)) {
        ObjectWriter w = b.object("Contact", CONTACT);
        for (int i = 0; i < 500; i++) {
          w.add(contact(i, T0));
        }
        b.commit();
      }
      List<RecordVersion> before = drain(store.snapshot(1).records("Contact"));
      long filesBefore = regularFiles(volume);
      byte[] body = new byte[300_000];
      new Random(3).nextBytes(body);

      // Raise the quota step by step: the disk fills up in a blob chunk, in each segment, in the
      // manifest. Every failure must be a StoreWriteException that leaves backup 1 as it was.
      java.util.Set<String> failedIn = new java.util.TreeSet<>();
      long quota = 1000;
      while (true) {
        io.setRemaining(quota);
        try (BackupWriter b = store.beginBackup(ORG)) {
          b.writeBlob(new ByteArrayInputStream(body));
          ObjectWriter w = b.object("Contact", CONTACT);
          for (int i = 0; i < 500; i++) {
            w.add(contact(i, T0 + 1, "Changed"));
          }
          b.commit();
          break;
        } catch (StoreWriteException e) {
          assertThat(e).hasMessageContaining("No space left on device");
          assertThat(e).hasMessageContaining("nothing was committed");
          failedIn.add(
              e.file().getParent().getFileName().toString().length() == 2
                  ? "blobs"
                  : e.file().getParent().getFileName().toString());
        }
        assertThat(store.backups()).as("quota %d", quota).containsExactly(1L);
        assertThat(drain(store.snapshot(1).records("Contact"))).isEqualTo(before);
        assertThat(store.verify().ok()).isTrue();
        store.collectGarbage();
        assertThat(regularFiles(volume)).as("quota %d", quota).isEqualTo(filesBefore);
        quota = quota < 290_000 ? quota + 145_000 : quota + 1500;
      }
      assertThat(failedIn).containsExactly("blobs", "manifests", "segments");
      assertThat(store.backups()).containsExactly(1L, 2L);

      // Space is back: the next backup commits as number 2 and chains from 1.
      io.setRemaining(Long.MAX_VALUE);
      try (BackupWriter b = store.beginBackup(ORG)) {
        b.object("Contact", CONTACT).add(contact(1, T0 + 2, "After"));
        Manifest m = b.commit();
        assertThat(m.backupNumber()).isEqualTo(3);
        assertThat(m.previousMac()).isEqualTo(store.manifest(2).mac());
      }
      assertThat(store.verify().ok()).isTrue();
    }
  }

  @Test
  void backupWhoseSegmentFailedCannotCommitAPartialManifest() throws Exception {
    Path volume = dir.resolve("volume");
    QuotaStorageIo io = new QuotaStorageIo(Long.MAX_VALUE);
    StoreOptions options = StoreOptions.defaults().withIo(io).withBufferBytes(16 * 1024);
    try (KeyEncryptionKey kek = Fixture.newKek(dir, "kek.key");
        RecordStore store = RecordStore.create(volume, TENANT, kek, options);
        BackupWriter b = store.beginBackup(ORG)) {
      ObjectWriter w = b.object("Contact", CONTACT);
      io.setRemaining(100);
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 500; i++) {
                  w.add(contact(i, T0));
                }
              })
          .isInstanceOf(StoreWriteException.class);
      io.setRemaining(Long.MAX_VALUE);
      // A caller that swallowed the error cannot commit a backup missing those rows.
      assertThatThrownBy(b::commit).isInstanceOf(IllegalStateException.class);
      assertThat(store.backups()).isEmpty();
    }
  }

  @Test
  void fullDiskDuringKeyRotationKeepsTheOldKeyFile() throws Exception {
    Path volume = dir.resolve("volume");
    QuotaStorageIo io = new QuotaStorageIo(Long.MAX_VALUE);
    StoreOptions options = StoreOptions.defaults().withIo(io);
    try (KeyEncryptionKey oldKek = Fixture.newKek(dir, "old.key");
        KeyEncryptionKey newKek = Fixture.newKek(dir, "new.key")) {
      RecordStore.create(volume, TENANT, oldKek, options).close();
      io.setRemaining(10);
      assertThatThrownBy(
              () -> RecordStore.rotateKeyEncryptionKey(volume, TENANT, oldKek, newKek, options))
          .isInstanceOf(StoreWriteException.class);
      RecordStore.open(volume, TENANT, oldKek).close();
    }
  }
}
