package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rows read again from the overlap window are compared with the previous backup and not stored
 * again when unchanged, even when one run read them through Bulk (CSV) and the next through REST
 * (JSON), whose number formats differ.
 */
class OverlapTest {
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
  void unchangedRowsInTheOverlapAreNotStoredAgain() {
    BackupOptions options =
        BackupOptions.defaults()
            .including(Set.of("Contact", "Opportunity", "Account", "Attachment"))
            .excluding(Set.of("Attachment"))
            .withOverlap(Duration.ofDays(3650)); // every row of the org falls in the overlap
    BackupResult bulk =
        fx.backup(
            fx.client(BackupFixture.options().bulkThreshold(1).build()),
            options,
            ProgressSink.discard());
    assertThat(bulk.committed()).isTrue();
    assertThat(bulk.objects())
        .extracting(ObjectOutcome::object)
        .containsExactlyInAnyOrder("Contact", "Opportunity", "Account");
    assertThat(bulk.objects()).allMatch(o -> o.method().equals("BULK"));

    BackupResult rest =
        fx.backup(
            fx.client(BackupFixture.options().bulkThreshold(1_000_000).build()),
            options,
            ProgressSink.discard());
    assertThat(rest.committed()).isTrue();
    assertThat(rest.objects()).allMatch(o -> o.method().equals("REST"));
    assertThat(rest.objects()).allMatch(o -> o.rowsRead() > 0);
    assertThat(rest.rowsWritten()).isZero();
    assertThat(rest.tombstones()).isZero();
  }

  @Test
  void aStoreHoldsOneOrg() {
    BackupOptions options = BackupOptions.defaults().including(Set.of("Account"));
    assertThat(fx.backup(options).committed()).isTrue();
    try (var store = fx.openStore()) {
      long latest = store.latestBackup().getAsLong();
      var job =
          new BackupJob(fx.client(), store, "00D000000000000AAA", options, ProgressSink.discard());
      org.assertj.core.api.Assertions.assertThatThrownBy(job::run)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("one store per org");
      assertThat(store.latestBackup().getAsLong()).isEqualTo(latest);
    }
  }
}
