package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.store.BackupWriter;
import io.orgvault.engine.store.ObjectWriter;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.org.DayRates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs that stop part-way (the org's API allowance spent, an abandoned writer) commit nothing and
 * leave the previous backup intact; the next run completes with no gap and no duplicate. A storm of
 * server errors still gives the org's exact state.
 */
class BackupFailureTest {
  private static final Set<String> OBJECTS = Set.of("Contact", "Account", "ContentVersion");
  private static final BackupOptions OPTIONS = BackupOptions.defaults().including(OBJECTS);
  private static BackupFixture fx;
  private static long dailyMax;

  @BeforeAll
  static void start() throws Exception {
    fx = new BackupFixture(2000, BackupFixture.tempDir());
    dailyMax = fx.sim.limits().dailyMax();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @AfterEach
  void restore() {
    fx.sim.faults().disable();
    fx.sim.limits().resetDay();
    fx.sim.limits().dailyMax(dailyMax);
  }

  @Test
  void allowanceSpentMidRunCommitsNothingAndTheNextRunCompletes() throws IOException {
    // A run stopped part-way leaves no new backup (no backup at all when it was the first).
    long previous = latest();
    fx.sim.limits().dailyMax(fx.sim.limits().used() + 12);
    BackupResult stopped = fx.backup(fx.client(smallPages()), OPTIONS, ProgressSink.discard());
    assertThat(stopped.committed()).isFalse();
    assertThat(stopped.stopReason())
        .containsAnyOf("ApiLimitExceededException", "ApiBudgetExhaustedException");
    assertNoBackupBeyond(previous);
    restore();

    BackupResult first = fx.backup(fx.client(smallPages()), OPTIONS, ProgressSink.discard());
    assertThat(first.committed()).isTrue();
    assertSameAsOrg(first);
    long last = first.backupNumber().getAsLong();

    fx.sim.simulateDay(DayRates.typical());
    fx.sim.limits().dailyMax(fx.sim.limits().used() + 8);
    BackupResult stoppedAgain = fx.backup(fx.client(smallPages()), OPTIONS, ProgressSink.discard());
    assertThat(stoppedAgain.committed()).isFalse();
    assertNoBackupBeyond(last);
    restore();

    BackupResult next = fx.backup(fx.client(smallPages()), OPTIONS, ProgressSink.discard());
    assertThat(next.committed()).isTrue();
    assertThat(next.objects()).noneMatch(ObjectOutcome::full);
    assertSameAsOrg(next);
    try (RecordStore store = fx.openStore()) {
      assertThat(store.verify().ok()).isTrue();
    }
  }

  @Test
  void allowanceSpentByAFaultStopsTheRunAndTheNextCompletes() {
    long previous = latest();
    fx.sim.simulateDay(DayRates.typical());
    fx.sim.faults().enable(FaultPlan.none().withLimitExhaustion(0.05).withSeed(3));
    BackupResult stopped = fx.backup(fx.client(smallPages()), OPTIONS, ProgressSink.discard());
    fx.sim.faults().disable();
    assertThat(stopped.committed()).isFalse();
    assertThat(stopped.stopReason()).contains("ApiLimitExceededException");
    assertNoBackupBeyond(previous);
    restore();

    BackupResult next = fx.backup(fx.client(smallPages()), OPTIONS, ProgressSink.discard());
    assertThat(next.committed()).isTrue();
    assertSameAsOrg(next);
  }

  @Test
  void aServerErrorStormStillGivesTheOrgsState() {
    fx.sim.simulateDay(DayRates.typical());
    fx.sim
        .faults()
        .enable(FaultPlan.none().withServerErrors(0.2).withTruncation(0.05).withSeed(11));
    BackupResult r = fx.backup(fx.client(smallPages()), OPTIONS, ProgressSink.discard());
    fx.sim.faults().disable();
    assertThat(r.committed()).as(r.stopReason()).isTrue();
    assertThat(fx.sim.faults().injected()).isPositive();
    assertSameAsOrg(r);
  }

  @Test
  void stalledBodiesAreAbandonedAndReadAgainWhileObjectsRunInParallel() {
    fx.sim.simulateDay(DayRates.typical());
    fx.sim.faults().enable(FaultPlan.none().withStalls(0.2, 64, Duration.ofSeconds(2)).withSeed(6));
    long injected = fx.sim.faults().injected();
    BackupResult r =
        fx.backup(
            fx.client(
                BackupFixture.options()
                    .restBatchSize(200)
                    .bulkMaxRecords(300)
                    .bulkThreshold(1000)
                    .bodyReadTimeout(Duration.ofMillis(200))
                    .build()),
            OPTIONS.withParallelism(3).withBodyDownloads(4),
            ProgressSink.discard());
    fx.sim.faults().disable();
    assertThat(r.committed()).as(r.stopReason()).isTrue();
    assertThat(r.objects()).allMatch(o -> o.failure() == null);
    assertThat(fx.sim.faults().injected() - injected).isPositive();
    assertSameAsOrg(r);
  }

  @Test
  void anAbandonedBackupLeavesTheLastOneIntact() throws IOException {
    BackupResult before = fx.backup(OPTIONS);
    assertThat(before.committed()).isTrue();
    long last = before.backupNumber().getAsLong();
    long segments = segmentFiles();
    try (RecordStore store = fx.openStore()) {
      BackupWriter w = store.beginBackup(fx.sim.org().orgId());
      ObjectWriter contacts = w.object("Contact", store.snapshot(last).schema("Contact"));
      String id = fx.orgRows("Contact").keySet().iterator().next();
      contacts.add(RecordVersion.upsert("Contact", id, Long.MAX_VALUE / 2, Map.of("Id", id)));
      contacts.add(RecordVersion.tombstone("Contact", id, Long.MAX_VALUE / 2 + 1));
      w.close(); // the run died before its commit
    }
    assertNoBackupBeyond(last);
    assertThat(segmentFiles()).isEqualTo(segments);

    fx.sim.simulateDay(DayRates.typical());
    BackupResult next = fx.backup(OPTIONS);
    assertThat(next.committed()).isTrue();
    assertThat(next.backupNumber().getAsLong()).isEqualTo(last + 1);
    assertSameAsOrg(next);
  }

  private static io.orgvault.engine.salesforce.ClientOptions smallPages() {
    return BackupFixture.options()
        .restBatchSize(200)
        .bulkMaxRecords(300)
        .bulkThreshold(1000)
        .build();
  }

  private static long segmentFiles() throws IOException {
    try (Stream<Path> s = Files.list(fx.volume.resolve("segments"))) {
      return s.count();
    }
  }

  private static long latest() {
    try (RecordStore store = fx.openStore()) {
      return store.latestBackup().orElse(0);
    }
  }

  private static void assertNoBackupBeyond(long last) {
    try (RecordStore store = fx.openStore()) {
      assertThat(store.latestBackup().orElse(0)).isEqualTo(last);
      assertThat(store.verify().ok()).isTrue();
    }
  }

  private static void assertSameAsOrg(BackupResult r) {
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(r.backupNumber().getAsLong());
      for (String object : List.of("Contact", "Account", "ContentVersion")) {
        assertThat(BackupFixture.snapshotRows(s, object)).as(object).isEqualTo(fx.orgRows(object));
      }
    }
  }
}
