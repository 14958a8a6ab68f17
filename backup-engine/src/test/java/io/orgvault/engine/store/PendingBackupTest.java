package io.orgvault.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.crypto.KeyEncryptionKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's side of pending backups: what a run that stops keeps, that nothing of it is visible
 * before the commit, that it authenticates byte for byte, and that the next run commits it whole.
 */
class PendingBackupTest {
  @TempDir Path dir;
  private Path volume;
  private KeyEncryptionKey kek;

  /** Rows small enough that a 4 KiB buffer writes a segment every few rows. */
  private static final StoreOptions SMALL_BUFFER = StoreOptions.defaults().withBufferBytes(4096);

  @BeforeEach
  void create() throws IOException {
    volume = dir.resolve("volume");
    kek = Fixture.newKek(dir, "kek");
    RecordStore.create(volume, Fixture.TENANT, kek).close();
  }

  private RecordStore open() {
    return RecordStore.open(volume, Fixture.TENANT, kek, SMALL_BUFFER);
  }

  private static RecordVersion lead(int i) {
    RecordVersion c = Fixture.contact(i, Fixture.T0 + i);
    return RecordVersion.upsert("Lead", c.id(), c.systemModstamp(), c.fields());
  }

  /** A run that completes Contact, writes 60 Leads of 100 and stops. */
  private void stoppedRun() {
    try (RecordStore store = open();
        BackupWriter w = store.beginBackup(Fixture.ORG)) {
      w.keepPending("all", Instant.parse("2025-01-01T00:00:00Z"), 1);
      ObjectWriter contacts = w.object("Contact", Fixture.CONTACT);
      for (int i = 0; i < 50; i++) {
        contacts.add(Fixture.contact(i, Fixture.T0 + i));
      }
      contacts.highWaterMark(Fixture.T0 + 1000);
      contacts.finish();
      ObjectWriter leads = w.object("Lead", Fixture.CONTACT);
      AtomicInteger added = new AtomicInteger();
      leads.resumable(() -> "after " + added.get());
      for (int i = 0; i < 60; i++) {
        leads.add(lead(i));
        added.incrementAndGet();
      }
      leads.suspend("after 60");
    }
  }

  @Test
  void aStoppedRunKeepsItsProgressInvisiblyAndTheNextRunCommitsItWhole() {
    stoppedRun();
    try (RecordStore store = open()) {
      assertThat(store.latestBackup()).as("nothing visible").isEmpty();
      PendingBackup p = store.pendingBackup().orElseThrow();
      assertThat(p.backupNumber()).isEqualTo(1);
      assertThat(p.runs()).isEqualTo(1);
      PendingBackup.PendingObject contacts = p.object("Contact").orElseThrow();
      assertThat(contacts.complete()).isTrue();
      assertThat(contacts.rows()).isEqualTo(50);
      assertThat(contacts.highWaterMark()).isEqualTo(Fixture.T0 + 1000);
      PendingBackup.PendingObject leads = p.object("Lead").orElseThrow();
      assertThat(leads.complete()).isFalse();
      assertThat(leads.rows()).isEqualTo(60);
      assertThat(leads.resumePosition()).isEqualTo("after 60");
      assertThat(store.collectGarbage().segments()).as("GC keeps them").isZero();
      assertThat(store.verify().ok()).isTrue();
      assertThat(store.verify().pendingBackup()).hasValue(1);
    }

    try (RecordStore store = open();
        BackupWriter w = store.beginBackup(Fixture.ORG)) {
      PendingBackup p = w.pending().orElseThrow();
      w.resume(p);
      w.keepPending("all", p.createdAt(), p.runs() + 1);
      assertThatThrownBy(() -> w.object("Contact", Fixture.CONTACT))
          .isInstanceOf(IllegalStateException.class);
      ObjectWriter leads = w.resumeObject("Lead", Fixture.CONTACT);
      for (int i = 60; i < 100; i++) {
        leads.add(lead(i));
      }
      leads.finish();
      Manifest m = w.commit();
      assertThat(m.object("Contact").orElseThrow().changedRows()).isEqualTo(50);
      assertThat(m.object("Lead").orElseThrow().changedRows()).isEqualTo(100);
      assertThat(m.object("Contact").orElseThrow().highWaterMark()).isEqualTo(Fixture.T0 + 1000);
    }
    try (RecordStore store = open()) {
      assertThat(store.pendingBackup()).isEmpty();
      assertThat(Fixture.drain(store.snapshot(1).records("Lead"))).hasSize(100);
      assertThat(Fixture.drain(store.snapshot(1).records("Contact"))).hasSize(50);
      assertThat(store.verify().ok()).isTrue();
      assertThat(store.collectGarbage().segments()).isZero();
    }
  }

  @Test
  void aFlippedByteAnywhereInTheStateIsRefusedWithATypedError() throws IOException {
    stoppedRun();
    Path state = volume.resolve("pending").resolve("0000000001.pending");
    byte[] original = Files.readAllBytes(state);
    for (int i = 0; i < original.length; i++) {
      byte[] bad = original.clone();
      bad[i] ^= 0x40;
      Files.write(state, bad);
      try (RecordStore store = open()) {
        int at = i;
        assertThatThrownBy(store::pendingBackup)
            .as("byte %d", at)
            .isInstanceOfAny(
                StoreCorruptedException.class, UnsupportedFormatVersionException.class);
      }
    }
    Files.write(state, original.length > 40 ? java.util.Arrays.copyOf(original, 40) : original);
    try (RecordStore store = open()) {
      assertThatThrownBy(store::pendingBackup).isInstanceOf(StoreCorruptedException.class);
    }
    Files.write(state, original);
    try (RecordStore store = open()) {
      assertThat(store.pendingBackup()).isPresent();
    }
  }

  @Test
  void aStateUnderAnotherNumberIsRefusedAndASpentOneIsRemoved() throws IOException {
    stoppedRun();
    Path pending = volume.resolve("pending");
    Files.move(pending.resolve("0000000001.pending"), pending.resolve("0000000002.pending"));
    try (RecordStore store = open()) {
      // A state for a backup other than latest + 1 is not this store's pending backup.
      assertThat(store.pendingBackup()).isEmpty();
      try (BackupWriter w = store.beginBackup(Fixture.ORG)) {
        assertThat(w.pending()).isEmpty();
      }
      assertThat(files(pending)).as("removed by the next backup").isEmpty();
      assertThat(store.collectGarbage().segments()).as("its segments are garbage now").isPositive();
    }
  }

  @Test
  void closingWithoutAStateRemovesEverySegmentAsBefore() throws IOException {
    try (RecordStore store = open();
        BackupWriter w = store.beginBackup(Fixture.ORG)) {
      ObjectWriter contacts = w.object("Contact", Fixture.CONTACT);
      for (int i = 0; i < 50; i++) {
        contacts.add(Fixture.contact(i, Fixture.T0 + i));
      }
    }
    assertThat(files(volume.resolve("segments"))).isEmpty();
    assertThat(Files.exists(volume.resolve("pending"))).isFalse();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
