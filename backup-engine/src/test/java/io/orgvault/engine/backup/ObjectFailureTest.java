package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.salesforce.RetryPolicy;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.Snapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An object whose extraction fails (here: Bulk results with a field longer than the client accepts)
 * is listed with its reason while the run commits the others; the next run reads it again in full
 * and the backup equals the org.
 */
class ObjectFailureTest {
  private static BackupFixture fx;

  @BeforeAll
  static void start() throws Exception {
    fx = new BackupFixture(300, BackupFixture.tempDir());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void aFailedObjectIsListedAndReadAgainNextRun() {
    // One Account with a description longer than the client accepts from Bulk in the first run.
    String account = fx.orgRows("Account").keySet().iterator().next();
    var org = fx.sim.org();
    assertThat(
            org.update(
                    "Account",
                    account,
                    java.util.Map.of("Description", "long text ".repeat(300)),
                    org.integrationUserId())
                .success())
        .isTrue();
    BackupResult first =
        fx.backup(
            fx.client(
                BackupFixture.options()
                    .bulkThreshold(1)
                    .maxFieldChars(1024)
                    .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)))
                    .build()),
            BackupOptions.defaults(),
            ProgressSink.discard());
    assertThat(first.committed()).isTrue();
    List<String> failed =
        first.objects().stream()
            .filter(o -> o.failure() != null)
            .map(ObjectOutcome::object)
            .toList();
    System.out.println("failed: " + failed);
    assertThat(failed).contains("Account");
    assertThat(first.objects()).anyMatch(o -> o.failure() == null && o.rowsWritten() > 0);
    assertThat(first.skipped())
        .filteredOn(s -> s.reason().startsWith("failed: "))
        .extracting(SkippedObject::object)
        .containsExactlyInAnyOrderElementsOf(failed);

    BackupResult second = fx.backup(BackupOptions.defaults());
    assertThat(second.committed()).isTrue();
    assertThat(second.objects()).allMatch(o -> o.failure() == null);
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(second.backupNumber().getAsLong());
      for (String object : failed) {
        assertThat(second.objects())
            .filteredOn(o -> o.object().equals(object))
            .allMatch(ObjectOutcome::full);
        assertThat(BackupFixture.snapshotRows(s, object)).as(object).isEqualTo(fx.orgRows(object));
      }
      assertThat(store.verify().ok()).isTrue();
    }
  }
}
