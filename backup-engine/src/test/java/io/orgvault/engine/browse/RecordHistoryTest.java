package io.orgvault.engine.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.compare.FieldChange;
import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.simulator.org.Org;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A record updated by another user, deleted and undeleted across four backups. */
class RecordHistoryTest {
  private static SimBackups fx;
  private static String id;
  private static String editor;
  private static final long[] backups = new long[4];

  @BeforeAll
  static void backups() throws Exception {
    fx = new SimBackups(100);
    Org org = fx.sim.org();
    var t = org.table("Contact");
    id = t.id(5);
    editor = org.userId(2);
    backups[0] = fx.backup();
    org.clock().advance(Duration.ofMinutes(10));
    assertThat(org.update("Contact", id, Map.of("LastName", "Second"), editor).success()).isTrue();
    backups[1] = fx.backup();
    org.clock().advance(Duration.ofMinutes(10));
    assertThat(org.delete(id, org.integrationUserId()).success()).isTrue();
    backups[2] = fx.backup();
    org.clock().advance(Duration.ofMinutes(10));
    assertThat(org.undelete(id, org.integrationUserId()).success()).isTrue();
    backups[3] = fx.backup();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void pagesOfVersionsTogetherAreTheWholeHistory() {
    try (RecordStore store = fx.openStore()) {
      RecordHistory history = new RecordHistory(store);
      List<HistoryVersion> whole = history.versions("Contact", id);
      HistoryPage first = history.versions("Contact", id, null, 3);
      assertThat(first.versions()).isEqualTo(whole.subList(0, 3));
      assertThat(first.next()).isPresent();
      HistoryPage second = history.versions("Contact", id, first.next().get(), 3);
      assertThat(second.versions()).isEqualTo(whole.subList(3, 4));
      assertThat(second.versions().get(0).kind()).isEqualTo(VersionKind.RESTORED);
      assertThat(second.next()).isEmpty();
      assertThat(history.versions("Contact", id, null, 4).next()).isEmpty();
      assertThatThrownBy(() -> history.versions("Contact", id, null, 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () -> history.versions("Contact", id, null, RecordHistory.MAX_PAGE_SIZE + 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void everyVersionWithWhatChangedAndWho() {
    try (RecordStore store = fx.openStore()) {
      List<HistoryVersion> h = new RecordHistory(store).versions("Contact", id);
      assertThat(h)
          .extracting(HistoryVersion::kind)
          .containsExactly(
              VersionKind.FIRST, VersionKind.CHANGED, VersionKind.DELETED, VersionKind.RESTORED);
      assertThat(h)
          .extracting(HistoryVersion::backup)
          .containsExactly(backups[0], backups[1], backups[2], backups[3]);
      assertThat(h.get(0).changes()).isEmpty();
      assertThat(h.get(1).changes())
          .extracting(FieldChange::field)
          .contains("LastName", "LastModifiedById", "SystemModstamp");
      FieldChange name =
          h.get(1).changes().stream()
              .filter(c -> c.field().equals("LastName"))
              .findFirst()
              .orElseThrow();
      assertThat(name.newValue()).isEqualTo("Second");
      assertThat(h.get(1).lastModifiedById()).isEqualTo(editor);
      assertThat(h.get(1).lastModifiedDate()).isNotNull();
      assertThat(h.get(3).lastModifiedById()).isEqualTo(fx.sim.org().integrationUserId());
      assertThat(h.get(3).changes()).extracting(FieldChange::field).doesNotContain("LastName");
      for (int i = 0; i < 4; i++) {
        assertThat(h.get(i).backupTime()).contains(store.manifest(backups[i]).createdAt());
      }
      assertThat(new RecordHistory(store).versions("Contact", "003000000000000ZZZ")).isEmpty();
    }
  }

  @Test
  void asOfADateIsTheVersionInTheLatestBackupAtOrBeforeIt() {
    try (RecordStore store = fx.openStore()) {
      RecordHistory history = new RecordHistory(store);
      Instant t2 = store.manifest(backups[1]).createdAt();
      Instant t3 = store.manifest(backups[2]).createdAt();
      AsOfVersion at2 = history.asOf("Contact", id, t2);
      assertThat(at2.backup()).isEqualTo(backups[1]);
      assertThat(at2.version().orElseThrow().fields().get("LastName")).isEqualTo("Second");
      AsOfVersion deleted = history.asOf("Contact", id, t3.plusMillis(1));
      assertThat(deleted.backup()).isEqualTo(backups[2]);
      assertThat(deleted.version()).isEmpty();
      assertThat(history.asOf("Contact", id, Instant.now().plusSeconds(3600)).backup())
          .isEqualTo(backups[3]);
      Instant before = store.manifest(backups[0]).createdAt().minusSeconds(1);
      assertThatThrownBy(() -> history.asOf("Contact", id, before))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no backup");
    }
  }
}
