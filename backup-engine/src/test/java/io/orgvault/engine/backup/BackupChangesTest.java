package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.simulator.org.Org;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental backups after chosen changes: updates, inserts, deletions, undeletions, records
 * purged from the recycle bin, objects new to the backup; and the schema each backup records.
 */
class BackupChangesTest {
  private static final Set<String> OBJECTS = Set.of("Contact", "Account");
  private static BackupFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = new BackupFixture(500, BackupFixture.tempDir());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void everyKindOfChangeReachesTheNextBackup() {
    BackupOptions contactsOnly = BackupOptions.defaults().including(Set.of("Contact"));
    BackupResult first = fx.backup(contactsOnly);
    assertThat(first.committed()).isTrue();
    assertThat(first.objects()).extracting(ObjectOutcome::object).containsExactly("Contact");

    Org org = fx.sim.org();
    String user = org.integrationUserId();
    List<String> ids = new ArrayList<>(fx.orgRows("Contact").keySet());
    fx.sim.org().clock().advance(Duration.ofMinutes(10));
    assertThat(org.update("Contact", ids.get(0), Map.of("LastName", "Renamed"), user).success())
        .isTrue();
    String inserted = org.insert("Contact", Map.of("LastName", "Newcomer"), user).id();
    assertThat(org.delete(ids.get(1), user).success()).isTrue();
    assertThat(org.delete(ids.get(2), user).success()).isTrue();
    assertThat(org.purge(ids.get(2)).success()).isTrue(); // gone for good: getDeleted misses it
    assertThat(org.delete(ids.get(3), user).success()).isTrue();

    BackupResult second = fx.backup(BackupOptions.defaults().including(OBJECTS));
    assertThat(second.committed()).isTrue();
    ObjectOutcome contact = outcome(second, "Contact");
    ObjectOutcome account = outcome(second, "Account");
    assertThat(contact.full()).isFalse();
    assertThat(account.full()).as("an object new to the backup is extracted in full").isTrue();
    assertThat(contact.rowsWritten()).isEqualTo(2);
    assertThat(contact.tombstones()).isEqualTo(3);
    assertSameAsOrg(second);

    fx.sim.org().clock().advance(Duration.ofMinutes(10));
    assertThat(org.undelete(ids.get(3), user).success()).isTrue();
    BackupResult third = fx.backup(BackupOptions.defaults().including(OBJECTS));
    assertThat(outcome(third, "Contact").rowsWritten()).isEqualTo(1);
    assertSameAsOrg(third);
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(third.backupNumber().getAsLong());
      assertThat(s.get("Contact", ids.get(0)).orElseThrow().fields().get("LastName"))
          .isEqualTo("Renamed");
      assertThat(s.get("Contact", inserted)).isPresent();
      assertThat(s.get("Contact", ids.get(3))).isPresent();
      assertThat(s.get("Contact", ids.get(1))).isEmpty();
      // The history keeps the deleted record's last version.
      assertThat(store.history("Contact", ids.get(1))).hasSize(2);
    }
  }

  @Test
  void eachBackupRecordsTheDescribeSchema() {
    BackupResult r = fx.backup(BackupOptions.defaults().including(Set.of("Contact")));
    List<FieldSchema> described = fx.client().describe("Contact").fieldSchemas();
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(r.backupNumber().getAsLong());
      assertThat(s.schema("Contact")).isEqualTo(described);
      assertThat(s.schema("Contact"))
          .extracting(FieldSchema::name)
          .contains("Id", "LastName", "SystemModstamp");
    }
    // The simulator's schema is fixed, so an unchanged schema reports no change here; the
    // comparison itself is tested in BackupJobTest.schemaDifferencesAreNamed.
    assertThat(outcome(r, "Contact").schemaChange().isEmpty()).isTrue();
  }

  private static ObjectOutcome outcome(BackupResult r, String object) {
    return r.objects().stream().filter(o -> o.object().equals(object)).findFirst().orElseThrow();
  }

  private static void assertSameAsOrg(BackupResult r) {
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(r.backupNumber().getAsLong());
      for (String object : OBJECTS) {
        assertThat(BackupFixture.snapshotRows(s, object)).as(object).isEqualTo(fx.orgRows(object));
      }
    }
  }
}
