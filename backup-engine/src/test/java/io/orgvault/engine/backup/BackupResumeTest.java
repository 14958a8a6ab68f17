package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.salesforce.ClientOptions;
import io.orgvault.engine.salesforce.ExtractionMethod;
import io.orgvault.engine.store.DamageKind;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.PendingBackup;
import io.orgvault.engine.store.PruneOptions;
import io.orgvault.engine.store.PruneReport;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.RetentionPolicy;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.engine.store.StoreCorruptedException;
import io.orgvault.engine.store.UnsupportedFormatVersionException;
import io.orgvault.engine.store.VerifyReport;
import io.orgvault.simulator.org.DayRates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup stopped by an API allowance keeps its progress as a pending backup, and later runs
 * continue it: a full backup bigger than one run's budget completes over several runs and stores
 * exactly what one uninterrupted run stores, record by record, no version twice.
 */
class BackupResumeTest {
  private static final int CONTACTS = 2000;
  private static BackupFixture fx;
  private static Path emptyStore;
  private static long dailyMax;
  private static int volumes;

  @BeforeAll
  static void start() throws Exception {
    fx = new BackupFixture(CONTACTS, BackupFixture.tempDir());
    emptyStore = fx.newStore("empty");
    dailyMax = fx.sim.limits().dailyMax();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @AfterEach
  void restore() {
    fx.sim.limits().resetDay();
    fx.sim.limits().dailyMax(dailyMax);
  }

  private static ClientOptions.Builder smallPages() {
    return BackupFixture.options().restBatchSize(200).bulkMaxRecords(300).bulkThreshold(1000);
  }

  @Test
  void aFullBackupBiggerThanOneRunsBudgetCompletesOverSeveralRunsAsOneRunWould()
      throws IOException {
    Path reference = twin();
    BackupResult whole =
        fx.backup(reference, fx.client(smallPages().build()), BackupOptions.defaults(), e -> {});
    assertThat(whole.committed()).isTrue();
    assertThat(whole.apiCallsUsed()).as("the whole backup's calls").isGreaterThan(80);

    Path resumed = twin();
    ClientOptions budget = smallPages().budget(1.0, 30).build();
    List<BackupResult> runs = new ArrayList<>();
    List<String> events = new ArrayList<>();
    BackupResult r;
    do {
      r = fx.backup(resumed, fx.client(budget), BackupOptions.defaults(), e -> events.add(line(e)));
      runs.add(r);
      assertThat(runs).as("the runs make progress").hasSizeLessThan(30);
      if (!r.committed()) {
        assertThat(r.stopReason()).contains("ApiBudgetExhaustedException");
        assertThat(r.pending()).isTrue();
        try (RecordStore store = fx.openStore(resumed)) {
          assertThat(store.latestBackup()).as("nothing visible before the commit").isEmpty();
          PendingBackup p = store.pendingBackup().orElseThrow();
          assertThat(p.runs()).isEqualTo(runs.size());
          // GC keeps the pending backup's files; verify authenticates them.
          store.collectGarbage();
          VerifyReport v = store.verify();
          assertThat(v.ok()).as("%s", v.damages()).isTrue();
          assertThat(v.pendingBackup()).hasValue(1);
          assertThat(store.pendingBackup()).contains(p);
        }
      }
    } while (!r.committed());
    assertThat(runs.size()).as("runs it took").isGreaterThanOrEqualTo(3);
    long calls = runs.stream().mapToLong(BackupResult::apiCallsUsed).sum();
    System.out.printf(
        "resumed full backup: %d runs of at most 30 calls, %d calls in all; one run: %d calls%n",
        runs.size(), calls, whole.apiCallsUsed());
    assertThat(events).anyMatch(e -> e.startsWith("run-pending") && e.contains("will resume"));
    assertThat(events).anyMatch(e -> e.startsWith("run-resumed"));
    assertThat(events)
        .as("an object was continued part-way")
        .anyMatch(e -> e.startsWith("object-started") && e.contains("continued after"));

    try (RecordStore a = fx.openStore(reference);
        RecordStore b = fx.openStore(resumed)) {
      assertThat(b.pendingBackup()).as("the commit removed the pending state").isEmpty();
      assertSameBackup(a.snapshot(1), b.snapshot(1));
      assertThat(b.verify().ok()).isTrue();
      for (String object : List.of("Contact", "Account", "Opportunity", "ContentVersion")) {
        assertThat(BackupFixture.snapshotRows(b.snapshot(1), object))
            .as(object)
            .isEqualTo(fx.orgRows(object));
        assertThat(b.manifest(1).object(object).orElseThrow().liveRecords())
            .as(object)
            .isEqualTo(fx.orgRows(object).size());
      }
    }
  }

  @Test
  void objectsStoppedTogetherUnderParallelismEachContinueFromTheirOwnCheckpoint()
      throws IOException {
    Path reference = twin();
    BackupOptions sequential = BackupOptions.defaults().withParallelism(1);
    assertThat(
            fx.backup(reference, fx.client(smallPages().build()), sequential, e -> {}).committed())
        .isTrue();

    Path resumed = twin();
    BackupOptions parallel = BackupOptions.defaults().withParallelism(3).withBodyDownloads(4);
    ClientOptions budget = smallPages().budget(1.0, 25).build();
    List<String> events = new ArrayList<>();
    int mostInProgress = 0;
    int runs = 0;
    BackupResult r;
    do {
      r = fx.backup(resumed, fx.client(budget), parallel, e -> events.add(line(e)));
      runs++;
      assertThat(runs).as("the runs make progress").isLessThan(40);
      if (!r.committed()) {
        assertThat(r.pending()).isTrue();
        try (RecordStore store = fx.openStore(resumed)) {
          PendingBackup p = store.pendingBackup().orElseThrow();
          List<PendingBackup.PendingObject> open =
              p.objects().stream().filter(o -> !o.complete()).toList();
          // Each object under way has its own position, of its own extraction.
          open.forEach(
              o ->
                  assertThat(ResumePoint.decode(o.resumePosition()).checkpoint().objectName())
                      .isEqualTo(o.name()));
          mostInProgress = Math.max(mostInProgress, open.size());
        }
      }
    } while (!r.committed());
    assertThat(mostInProgress)
        .as("a stop found several objects under way, and the pending state listed each")
        .isGreaterThanOrEqualTo(2);
    assertThat(
            events.stream()
                .filter(e -> e.startsWith("object-started") && e.contains("continued after"))
                .map(e -> e.split(" ")[1])
                .distinct()
                .count())
        .as("objects continued part-way")
        .isGreaterThanOrEqualTo(2);
    try (RecordStore a = fx.openStore(reference);
        RecordStore b = fx.openStore(resumed)) {
      assertSameBackup(a.snapshot(1), b.snapshot(1));
      assertThat(b.verify().ok()).isTrue();
    }
  }

  @Test
  void aStopWhileFileBodiesAreInFlightResumesAtTheFirstRowNotStored() throws IOException {
    // One object with file bodies: after its first page, every call is a body read, several at
    // once, so each run stops with bodies in flight and rows waiting for them.
    BackupOptions files =
        BackupOptions.defaults().including(Set.of("ContentVersion")).withBodyDownloads(4);
    Path reference = twin();
    assertThat(fx.backup(reference, fx.client(smallPages().build()), files, e -> {}).committed())
        .isTrue();

    Path resumed = twin();
    ClientOptions budget = smallPages().budget(1.0, 10).build();
    List<BackupResult> runs = new ArrayList<>();
    List<String> events = new ArrayList<>();
    BackupResult r;
    do {
      r = fx.backup(resumed, fx.client(budget), files, e -> events.add(line(e)));
      runs.add(r);
      assertThat(runs).as("the runs make progress").hasSizeLessThan(40);
    } while (!r.committed());
    assertThat(runs)
        .as("a run stopped while reading a file body (it resumes at that row)")
        .anyMatch(x -> x.stopReason() != null && x.stopReason().contains("/sobjects/"));
    assertThat(events)
        .anyMatch(e -> e.startsWith("object-started ContentVersion") && e.contains("continued"));
    try (RecordStore a = fx.openStore(reference);
        RecordStore b = fx.openStore(resumed)) {
      // Same versions, none twice, every file body referenced as in one run.
      assertSameBackup(a.snapshot(1), b.snapshot(1));
      assertThat(b.verify().ok()).isTrue();
    }
  }

  @Test
  void theOrgsAllowanceSpentInTheMiddleOfARestOrABulkObjectContinuesThere() throws IOException {
    for (ExtractionMethod method : List.of(ExtractionMethod.REST, ExtractionMethod.BULK)) {
      ClientOptions options =
          smallPages().bulkThreshold(method == ExtractionMethod.BULK ? 100 : 1_000_000).build();
      BackupOptions contacts = BackupOptions.defaults().including(Set.of("Contact"));
      // The allowance runs out after serverTimestamp, describeGlobal, describe, count and (Bulk)
      // job creation and polls, whose number varies: the smallest allowance that ends while the
      // pages or result sets are being read is found by trying.
      Path v = null;
      PendingBackup.PendingObject contact = null;
      // Bulk polls depend on timing, so on a loaded machine one more call can carry a run from
      // "no rows yet" to done: then the search starts again from the smallest allowance.
      int attempts = 0;
      for (int allowance = 6; contact == null; allowance++) {
        assertThat(++attempts).as(method.name() + " attempts").isLessThan(100);
        assertThat(allowance).as(method.name()).isLessThan(40);
        restore();
        v = twin();
        fx.sim.limits().dailyMax(fx.sim.limits().used() + allowance);
        BackupResult stopped = fx.backup(v, fx.client(options), contacts, e -> {});
        if (stopped.committed()) {
          allowance = 5;
          continue;
        }
        assertThat(stopped.stopReason())
            .containsAnyOf("ApiLimitExceededException", "ApiBudgetExhaustedException");
        try (RecordStore store = fx.openStore(v)) {
          contact =
              store
                  .pendingBackup()
                  .flatMap(p -> p.object("Contact"))
                  .filter(o -> o.rows() > 0)
                  .orElse(null);
        }
      }
      assertThat(contact.complete()).isFalse();
      assertThat(contact.rows()).as(method.name()).isBetween(1L, CONTACTS - 1L);
      ResumePoint at = ResumePoint.decode(contact.resumePosition());
      assertThat(at.checkpoint().method()).isEqualTo(method);
      assertThat(at.checkpoint().delivered()).isEqualTo(contact.rows());
      restore();

      List<String> events = new ArrayList<>();
      BackupResult next = fx.backup(v, fx.client(options), contacts, e -> events.add(line(e)));
      assertThat(next.committed()).isTrue();
      assertThat(events).anyMatch(e -> e.startsWith("object-started") && e.contains("continued"));
      try (RecordStore store = fx.openStore(v)) {
        Manifest.ObjectEntry entry = store.manifest(1).object("Contact").orElseThrow();
        assertThat(entry.changedRows()).as("no record twice").isEqualTo(CONTACTS);
        assertThat(BackupFixture.snapshotRows(store.snapshot(1), "Contact"))
            .isEqualTo(fx.orgRows("Contact"));
      }
    }
  }

  @Test
  void anIncrementalBackupStoppedPartWayContinuesAndStoresWhatOneRunWould() throws IOException {
    BackupOptions objects = BackupOptions.defaults().including(Set.of("Contact", "Account"));
    ClientOptions options = smallPages().bulkThreshold(1_000_000).build();
    Path base = twin();
    assertThat(fx.backup(base, fx.client(options), objects, e -> {}).committed()).isTrue();
    // A busy day: hundreds of changed Contacts (several pages), deletions, undeletions.
    fx.sim.simulateDay(new DayRates(0.3, 0.02, 0.05, 0.005, 0));
    Path reference = fx.emptyStoreTwin(base, "incremental-reference");
    BackupResult whole = fx.backup(reference, fx.client(options), objects, e -> {});
    assertThat(whole.committed()).isTrue();

    Path v = null;
    PendingBackup.PendingObject contact = null;
    for (int allowance = 6; contact == null; allowance++) {
      assertThat(allowance).isLessThan(40);
      restore();
      v = fx.emptyStoreTwin(base, "incremental-" + allowance);
      fx.sim.limits().dailyMax(fx.sim.limits().used() + allowance);
      BackupResult stopped = fx.backup(v, fx.client(options), objects, e -> {});
      assertThat(stopped.committed()).isFalse();
      try (RecordStore store = fx.openStore(v)) {
        contact =
            store
                .pendingBackup()
                .flatMap(p -> p.object("Contact"))
                .filter(o -> !o.complete() && o.rows() > 0)
                .orElse(null);
      }
    }
    restore();
    List<String> events = new ArrayList<>();
    BackupResult next = fx.backup(v, fx.client(options), objects, e -> events.add(line(e)));
    assertThat(next.committed()).isTrue();
    assertThat(events)
        .anyMatch(
            e -> e.startsWith("object-started Contact incremental") && e.contains("continued"));
    try (RecordStore a = fx.openStore(reference);
        RecordStore b = fx.openStore(v)) {
      assertSameBackup(a.snapshot(2), b.snapshot(2));
      for (String object : List.of("Contact", "Account")) {
        assertThat(BackupFixture.snapshotRows(b.snapshot(2), object))
            .as(object)
            .isEqualTo(fx.orgRows(object));
        // The live count the continued backup recorded, from its segments' change indexes.
        assertThat(b.manifest(2).object(object).orElseThrow().liveRecords())
            .as(object)
            .isEqualTo(fx.orgRows(object).size());
      }
    }
  }

  @Test
  void aPruneWhileABackupIsPendingKeepsItAndTheNextRunStillContinuesIt() throws IOException {
    BackupOptions objects = BackupOptions.defaults().including(Set.of("Contact", "Account"));
    ClientOptions options = smallPages().bulkThreshold(1_000_000).build();
    Path base = twin();
    assertThat(fx.backup(base, fx.client(options), objects, e -> {}).committed()).isTrue();
    fx.sim.simulateDay(DayRates.typical());
    assertThat(fx.backup(base, fx.client(options), objects, e -> {}).committed()).isTrue();
    fx.sim.simulateDay(new DayRates(0.3, 0.02, 0.05, 0.005, 0));

    Path v = null;
    boolean partial = false;
    for (int allowance = 6; !partial; allowance++) {
      assertThat(allowance).isLessThan(40);
      restore();
      v = fx.emptyStoreTwin(base, "prune-pending-" + allowance);
      fx.sim.limits().dailyMax(fx.sim.limits().used() + allowance);
      assertThat(fx.backup(v, fx.client(options), objects, e -> {}).committed()).isFalse();
      try (RecordStore store = fx.openStore(v)) {
        partial =
            store
                .pendingBackup()
                .flatMap(p -> p.object("Contact"))
                .filter(o -> !o.complete() && o.rows() > 0)
                .isPresent();
      }
    }
    restore();
    try (RecordStore store = fx.openStore(v)) {
      PendingBackup pending = store.pendingBackup().orElseThrow();
      PruneReport report = store.prune(new PruneOptions(new RetentionPolicy(0, 0, 1), true, false));
      assertThat(report.dropped()).containsExactly(1L);
      assertThat(report.compactions()).as("backups 1 and 2 merge").isNotEmpty();
      assertThat(store.pendingBackup()).as("the prune kept the pending state").contains(pending);
      VerifyReport verify = store.verify();
      assertThat(verify.ok()).as("%s", verify.damages()).isTrue();
      assertThat(verify.pendingBackup()).hasValue(3);
    }
    List<String> events = new ArrayList<>();
    assertThat(fx.backup(v, fx.client(options), objects, e -> events.add(line(e))).committed())
        .isTrue();
    assertThat(events)
        .anyMatch(e -> e.startsWith("object-started Contact") && e.contains("continued"));
    try (RecordStore a = fx.openStore(base);
        RecordStore b = fx.openStore(v)) {
      assertSameBackup(a.snapshot(2), b.snapshot(2));
      assertThat(b.latestBackup()).hasValue(3);
      assertThat(b.verify().ok()).isTrue();
      for (String object : List.of("Contact", "Account")) {
        assertThat(BackupFixture.snapshotRows(b.snapshot(3), object))
            .as(object)
            .isEqualTo(fx.orgRows(object));
      }
    }
  }

  @Test
  void aTamperedPendingStateIsRefusedAndTheBackupStartsAgain() throws IOException {
    Path v = twin();
    BackupOptions options = BackupOptions.defaults().including(Set.of("Contact", "Account"));
    BackupResult stopped =
        fx.backup(v, fx.client(smallPages().budget(1.0, 12).build()), options, e -> {});
    assertThat(stopped.pending()).isTrue();
    Path state = pendingFile(v);
    byte[] bytes = Files.readAllBytes(state);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(state, bytes);

    try (RecordStore store = fx.openStore(v)) {
      assertThatThrownBy(store::pendingBackup)
          .isInstanceOf(StoreCorruptedException.class)
          .satisfies(
              e ->
                  assertThat(((StoreCorruptedException) e).kind())
                      .isEqualTo(DamageKind.PENDING_STATE_UNREADABLE));
      VerifyReport report = store.verify();
      assertThat(report.damages())
          .anyMatch(d -> d.kind() == DamageKind.PENDING_STATE_UNREADABLE && d.file().equals(state));
      // GC cannot tell which segments a damaged state references: it removes nothing.
      assertThatThrownBy(store::collectGarbage).isInstanceOf(StoreCorruptedException.class);
    }

    List<String> events = new ArrayList<>();
    BackupResult next =
        fx.backup(v, fx.client(smallPages().build()), options, e -> events.add(line(e)));
    assertThat(next.committed()).isTrue();
    assertThat(events)
        .anyMatch(e -> e.startsWith("pending-abandoned") && e.contains("cannot be read"));
    assertThat(events).noneMatch(e -> e.startsWith("run-resumed"));
    try (RecordStore store = fx.openStore(v)) {
      for (String object : List.of("Contact", "Account")) {
        Manifest.ObjectEntry entry = store.manifest(1).object(object).orElseThrow();
        assertThat(entry.changedRows()).isEqualTo(fx.orgRows(object).size());
        assertThat(BackupFixture.snapshotRows(store.snapshot(1), object))
            .isEqualTo(fx.orgRows(object));
      }
      assertThat(store.collectGarbage().segments())
          .as("the abandoned state's segments are collected")
          .isPositive();
      assertThat(store.verify().ok()).isTrue();
    }
  }

  @Test
  void aPendingStateWhoseSegmentsAreGoneIsAbandoned() throws IOException {
    Path v = twin();
    BackupOptions options = BackupOptions.defaults().including(Set.of("Contact"));
    ClientOptions small = smallPages().bulkThreshold(1_000_000).budget(1.0, 8).build();
    assertThat(fx.backup(v, fx.client(small), options, e -> {}).pending()).isTrue();
    try (RecordStore store = fx.openStore(v)) {
      Manifest.SegmentEntry s =
          store.pendingBackup().orElseThrow().object("Contact").orElseThrow().segments().get(0);
      Files.delete(v.resolve("segments").resolve(s.id().hex() + ".seg"));
      assertThat(store.verify().damages()).anyMatch(d -> d.kind() == DamageKind.MISSING_FILE);
    }
    List<String> events = new ArrayList<>();
    BackupResult next =
        fx.backup(v, fx.client(smallPages().build()), options, e -> events.add(line(e)));
    assertThat(next.committed()).isTrue();
    assertThat(events).anyMatch(e -> e.startsWith("pending-abandoned") && e.contains("missing"));
    try (RecordStore store = fx.openStore(v)) {
      assertThat(store.manifest(1).object("Contact").orElseThrow().changedRows())
          .isEqualTo(CONTACTS);
      assertThat(store.verify().ok()).isTrue();
    }
  }

  @Test
  void aPendingStateOfAnUnknownVersionIsRefusedNotGuessedAt() throws IOException {
    Path v = twin();
    BackupOptions options = BackupOptions.defaults().including(Set.of("Contact"));
    fx.backup(v, fx.client(smallPages().budget(1.0, 8).build()), options, e -> {});
    Path state = pendingFile(v);
    byte[] bytes = Files.readAllBytes(state);
    bytes[5] = 2; // format version 2
    Files.write(state, bytes);
    try (RecordStore store = fx.openStore(v)) {
      assertThatThrownBy(store::pendingBackup)
          .isInstanceOf(UnsupportedFormatVersionException.class);
    }
    List<String> events = new ArrayList<>();
    assertThat(fx.backup(v, fx.client(smallPages().build()), options, e -> events.add(line(e))))
        .matches(BackupResult::committed);
    assertThat(events).anyMatch(e -> e.startsWith("pending-abandoned"));
  }

  @Test
  void aPendingStateOfAnotherSelectionOrTooOldIsAbandonedAndItsSegmentsRemoved()
      throws IOException {
    Path v = twin();
    BackupOptions contacts = BackupOptions.defaults().including(Set.of("Contact"));
    ClientOptions small = smallPages().bulkThreshold(1_000_000).budget(1.0, 8).build();
    assertThat(fx.backup(v, fx.client(small), contacts, e -> {}).pending()).isTrue();
    long segments = segmentFiles(v);
    assertThat(segments).isPositive();

    List<String> events = new ArrayList<>();
    BackupOptions accounts = BackupOptions.defaults().including(Set.of("Account"));
    ClientOptions smaller = smallPages().bulkThreshold(1_000_000).budget(1.0, 5).build();
    BackupResult other = fx.backup(v, fx.client(smaller), accounts, e -> events.add(line(e)));
    assertThat(events)
        .anyMatch(e -> e.startsWith("pending-abandoned") && e.contains("another selection"));
    assertThat(other.pending()).isTrue(); // its own progress, on Account
    try (RecordStore store = fx.openStore(v)) {
      assertThat(store.pendingBackup().orElseThrow().object("Contact")).isEmpty();
    }

    events.clear();
    BackupResult fresh =
        fx.backup(
            v,
            fx.client(smallPages().build()),
            accounts.withPendingMaxAge(Duration.ZERO),
            e -> events.add(line(e)));
    assertThat(fresh.committed()).isTrue();
    assertThat(events).anyMatch(e -> e.startsWith("pending-abandoned") && e.contains("older"));
    try (RecordStore store = fx.openStore(v)) {
      Snapshot s = store.snapshot(1);
      assertThat(s.objects()).containsExactly("Account");
      assertThat(store.manifest(1).object("Account").orElseThrow().changedRows())
          .isEqualTo(fx.orgRows("Account").size());
      long referenced =
          store.manifest(1).objects().stream().mapToLong(o -> o.segments().size()).sum();
      assertThat(segmentFiles(v)).as("abandoned segments were deleted").isEqualTo(referenced);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static Path twin() throws IOException {
    return fx.emptyStoreTwin(emptyStore, "v" + (++volumes));
  }

  private static String line(ProgressEvent e) {
    return e.type() + " " + e.object() + " " + e.detail();
  }

  private static Path pendingFile(Path volume) throws IOException {
    try (Stream<Path> s = Files.list(volume.resolve("pending"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".pending")).findFirst().get();
    }
  }

  private static long segmentFiles(Path volume) throws IOException {
    try (Stream<Path> s = Files.list(volume.resolve("segments"))) {
      return s.count();
    }
  }

  /** Every object, every record, every field equal; the same number of versions stored. */
  private static void assertSameBackup(Snapshot expected, Snapshot actual) {
    assertThat(actual.objects()).containsExactlyInAnyOrderElementsOf(expected.objects());
    for (String object : expected.objects()) {
      Manifest.ObjectEntry e = expected.manifest().object(object).orElseThrow();
      Manifest.ObjectEntry a = actual.manifest().object(object).orElseThrow();
      assertThat(a.changedRows()).as("%s: versions stored", object).isEqualTo(e.changedRows());
      assertThat(a.changedTombstones()).as(object).isEqualTo(e.changedTombstones());
      assertThat(a.schema()).as(object).isEqualTo(e.schema());
      assertThat(records(actual, object)).as(object).isEqualTo(records(expected, object));
    }
  }

  private static Map<String, RecordVersion> records(Snapshot s, String object) {
    Map<String, RecordVersion> out = new TreeMap<>();
    try (RecordStream rs = s.records(object)) {
      rs.forEachRemaining(v -> out.put(v.id(), v));
    }
    return out;
  }
}
