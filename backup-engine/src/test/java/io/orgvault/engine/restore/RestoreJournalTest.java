package io.orgvault.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.restore.RestoreJournal.Phase;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.SealedFiles;
import io.orgvault.engine.store.StoreCorruptedException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's durability and integrity rules, on a real store volume. */
class RestoreJournalTest {
  private static final String ID = "r-0123456789abcdef";

  @TempDir Path dir;
  private Path volume;
  private Path kek;

  @BeforeEach
  void store() throws Exception {
    volume = dir.resolve("volume");
    kek = dir.resolve("kek");
    FileKeyEncryptionKey.generate(kek);
    RecordStore.create(volume, "tenant-a", FileKeyEncryptionKey.load(kek)).close();
  }

  private RecordStore open() throws Exception {
    return RecordStore.open(volume, "tenant-a", FileKeyEncryptionKey.load(kek));
  }

  private Path file() {
    return volume.resolve(RestoreFiles.journal(ID));
  }

  private void writeSome() throws Exception {
    try (RecordStore s = open()) {
      RestoreJournal j = RestoreJournal.open(s, ID);
      j.startRun(Instant.parse("2026-01-05T08:00:00Z"));
      j.intent("CREATE/Account/0", Phase.CREATE, "Account", List.of("001A", "001B"));
      j.outcome(
          "CREATE/Account/0",
          Phase.CREATE,
          List.of(
              RecordOutcome.success("001A", "001NEW", null),
              RecordOutcome.failure("001B", "REQUIRED_FIELD_MISSING", "Name", List.of("Name"))));
      j.intent("CREATE/Contact/0", Phase.CREATE, "Contact", List.of("003A"));
    }
  }

  @Test
  void aReopenedJournalReplaysOutcomesIdsAndStepsInDoubt() throws Exception {
    writeSome();
    try (RecordStore s = open()) {
      RestoreJournal j = RestoreJournal.open(s, ID);
      assertThat(j.isDone("CREATE/Account/0")).isTrue();
      assertThat(j.newId("001A")).isEqualTo("001NEW");
      assertThat(j.newId("001B")).isNull();
      assertThat(j.outcome(Phase.CREATE, "001B").code()).isEqualTo("REQUIRED_FIELD_MISSING");
      assertThat(j.inDoubt())
          .singleElement()
          .satisfies(
              st -> {
                assertThat(st.key()).isEqualTo("CREATE/Contact/0");
                assertThat(st.ids()).containsExactly("003A");
                assertThat(st.run()).isEqualTo(1);
              });
      assertThat(j.runStart(1)).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
      assertThat(j.finished()).isFalse();
    }
  }

  @Test
  void anEntryCutShortByACrashIsDroppedAndTheLogGoesOn() throws Exception {
    writeSome();
    Files.write(file(), new byte[] {0, 0, 0, 90, 1, 2, 3}, StandardOpenOption.APPEND);
    try (RecordStore s = open()) {
      RestoreJournal j = RestoreJournal.open(s, ID);
      assertThat(j.inDoubt()).hasSize(1);
      j.finish();
    }
    try (RecordStore s = open()) {
      RestoreJournal j = RestoreJournal.open(s, ID);
      assertThat(j.finished()).isTrue();
      assertThat(j.newId("001A")).isEqualTo("001NEW");
    }
  }

  @Test
  void anAlteredOrRemovedEntryIsATypedErrorNeverSkipped() throws Exception {
    writeSome();
    byte[] all = Files.readAllBytes(file());
    byte[] flipped = all.clone();
    flipped[all.length - 5] ^= 1;
    Files.write(file(), flipped);
    try (RecordStore s = open()) {
      assertThatThrownBy(() -> RestoreJournal.open(s, ID))
          .isInstanceOf(StoreCorruptedException.class);
    }
    // the first entry cut out: the second now sits at index 0 and does not authenticate there
    int header = 8 + 16;
    int firstLength = ByteBuffer.wrap(all, header, 4).getInt();
    byte[] without = new byte[all.length - 4 - firstLength];
    System.arraycopy(all, 0, without, 0, header);
    System.arraycopy(all, header + 4 + firstLength, without, header, without.length - header);
    Files.write(file(), without);
    try (RecordStore s = open()) {
      assertThatThrownBy(() -> RestoreJournal.open(s, ID))
          .isInstanceOf(StoreCorruptedException.class);
    }
    // another restore's journal copied over this one's
    Files.write(file(), all);
    Path other = volume.resolve(RestoreFiles.journal("r-fedcba9876543210"));
    Files.createDirectories(other.getParent());
    Files.copy(file(), other);
    try (RecordStore s = open()) {
      assertThatThrownBy(() -> RestoreJournal.open(s, "r-fedcba9876543210"))
          .isInstanceOf(StoreCorruptedException.class);
      assertThat(RestoreJournal.open(s, ID).isDone("CREATE/Account/0")).isTrue();
    }
  }

  @Test
  void anEntryOfAnotherVersionIsRefused() throws Exception {
    writeSome();
    try (RecordStore s = open()) {
      SealedFiles.openLog(s, RestoreFiles.journal(ID))
          .append("{\"v\":2,\"e\":\"run\"}".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> RestoreJournal.open(s, ID))
          .isInstanceOf(UnreadableJournalException.class)
          .hasMessageContaining("version");
    }
  }

  @Test
  void aJournalOpenedUnderAnotherTenantsKeyDoesNotAuthenticate() throws Exception {
    writeSome();
    Path volume2 = dir.resolve("volume2");
    RecordStore.create(volume2, "tenant-a", FileKeyEncryptionKey.load(kek)).close();
    Path target = volume2.resolve(RestoreFiles.journal(ID));
    Files.createDirectories(target.getParent());
    Files.copy(file(), target);
    try (RecordStore s = RecordStore.open(volume2, "tenant-a", FileKeyEncryptionKey.load(kek))) {
      assertThatThrownBy(() -> RestoreJournal.open(s, ID))
          .isInstanceOf(StoreCorruptedException.class);
    }
    assertThat(Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(file()))).isTrue();
  }
}
