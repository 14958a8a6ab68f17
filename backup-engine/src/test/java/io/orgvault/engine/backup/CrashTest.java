package io.orgvault.engine.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.cli.EngineMain;
import io.orgvault.engine.store.PendingBackup;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.engine.store.VerifyReport;
import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.org.DayRates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a backup process part-way: the last committed backup stays intact and verifiable, and
 * the next run commits the org's exact state.
 */
class CrashTest {
  private static BackupFixture fx;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = BackupFixture.tempDir();
    fx = new BackupFixture(1000, dir);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void killedAtSeveralPointsTheLastBackupStaysAndTheNextRunCompletes() throws Exception {
    BackupResult first = fx.backup(BackupOptions.defaults());
    assertThat(first.committed()).isTrue();
    long last = first.backupNumber().getAsLong();
    for (int killAfter : new int[] {1, 5, 12}) {
      fx.sim.simulateDay(DayRates.typical());
      killPartWay(killAfter);
      try (RecordStore store = fx.openStore()) {
        assertThat(store.latestBackup().getAsLong())
            .as("killed after %d", killAfter)
            .isEqualTo(last);
        assertThat(store.verify().ok()).isTrue();
        // The objects the killed runs completed are kept as the pending backup, through GC too.
        PendingBackup pending = store.pendingBackup().orElseThrow();
        assertThat(pending.backupNumber()).isEqualTo(last + 1);
        store.collectGarbage();
        assertThat(store.pendingBackup()).contains(pending);
        VerifyReport report = store.verify();
        assertThat(report.ok()).isTrue();
        assertThat(report.pendingBackup()).hasValue(last + 1);
      }
    }

    // The run after the kills commits the pending backup: objects the killed runs completed
    // keep the state (and the high-water mark) they were read with, days ago.
    BackupResult next = fx.backup(BackupOptions.defaults());
    assertThat(next.committed()).isTrue();
    assertThat(next.backupNumber().getAsLong()).isEqualTo(last + 1);
    // So the changes of those days are read by the backup after it: no gap.
    BackupResult after = fx.backup(BackupOptions.defaults());
    assertThat(after.backupNumber().getAsLong()).isEqualTo(last + 2);
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(after.backupNumber().getAsLong());
      for (String object : List.of("Contact", "Account", "Opportunity", "ContentVersion")) {
        assertThat(BackupFixture.snapshotRows(s, object)).as(object).isEqualTo(fx.orgRows(object));
      }
      assertThat(store.verify().ok()).isTrue();
    }
  }

  @Test
  void killedDuringTheFirstFullBackupTheNextRunsContinueItWithNoRecordTwice() throws Exception {
    Path volume = fx.newStore("first-full");
    // Killed once two objects are complete; then in the middle of an object (some of its rows
    // saved); then after three more objects: each run continues where the last saved state was.
    // Each condition is on a state the run being killed saved (its run number): objects run in
    // parallel, so the state the previous run left may already show an object part-way.
    killWhen(volume, "two objects complete", p -> complete(p) >= 2);
    int before = complete(pending(volume));
    killWhen(
        volume,
        "an object part-way",
        p -> p.runs() == 2 && p.objects().stream().anyMatch(o -> !o.complete() && o.rows() > 0));
    PendingBackup midObject = pending(volume);
    killWhen(
        volume, "three more objects complete", p -> p.runs() == 3 && complete(p) >= before + 3);
    PendingBackup last = pending(volume);
    assertThat(last.runs()).isEqualTo(3);
    for (PendingBackup.PendingObject o : midObject.objects()) {
      if (!o.complete()) {
        assertThat(last.object(o.name()).orElseThrow().rows())
            .as("%s continued, not restarted", o.name())
            .isGreaterThanOrEqualTo(o.rows());
      }
    }
    try (RecordStore store = fx.openStore(volume)) {
      assertThat(store.latestBackup()).isEmpty();
      store.collectGarbage(); // the orphans of the kills go, the pending backup stays
      assertThat(store.pendingBackup()).contains(last);
      assertThat(store.verify().ok()).isTrue();
    }

    BackupResult done =
        fx.backup(volume, fx.client(), BackupOptions.defaults(), ProgressSink.discard());
    assertThat(done.committed()).isTrue();
    try (RecordStore store = fx.openStore(volume)) {
      Snapshot s = store.snapshot(1);
      for (String object : s.objects()) {
        // A first backup of an org that did not change: every record exactly once.
        assertThat(store.manifest(1).object(object).orElseThrow().changedRows())
            .as(object)
            .isEqualTo(BackupFixture.snapshotRows(s, object).size());
      }
      for (String object : List.of("Contact", "Account", "Opportunity", "ContentVersion")) {
        assertThat(BackupFixture.snapshotRows(s, object)).as(object).isEqualTo(fx.orgRows(object));
      }
      assertThat(store.pendingBackup()).isEmpty();
      assertThat(store.verify().ok()).isTrue();
    }
  }

  private static int complete(PendingBackup p) {
    return (int) p.objects().stream().filter(PendingBackup.PendingObject::complete).count();
  }

  private static PendingBackup pending(Path volume) {
    try (RecordStore store = fx.openStore(volume)) {
      return store.pendingBackup().orElseThrow();
    }
  }

  /**
   * Starts a backup process on {@code volume} and kills it (SIGKILL) as soon as the pending state
   * it saved satisfies {@code condition}, read from the store while the child runs.
   */
  private static void killWhen(Path volume, String what, Predicate<PendingBackup> condition)
      throws Exception {
    fx.sim.faults().enable(FaultPlan.none().withLatency(Duration.ofMillis(20)));
    Process p = startBackupProcess(volume);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
              } catch (java.io.IOException ignored) {
                // the child was killed
              }
            });
    drain.start();
    boolean met = false;
    try (RecordStore store = fx.openStore(volume)) {
      while (!met && p.isAlive()) {
        met = store.pendingBackup().filter(condition).isPresent();
        if (!met) {
          Thread.sleep(5);
        }
      }
    } finally {
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      drain.join();
      fx.sim.faults().disable();
    }
    assertThat(met).as("the child got to %s before it was killed: %s", what, lines).isTrue();
    assertThat(lines).noneMatch(l -> l.contains("backup-result"));
  }

  /** Starts a backup process and kills it (SIGKILL) once {@code objects} objects are done. */
  private static void killPartWay(int objects) throws Exception {
    fx.sim.faults().enable(FaultPlan.none().withLatency(Duration.ofMillis(20)));
    Process p = startBackupProcess(fx.volume);
    int done = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (done < objects && (line = out.readLine()) != null) {
        if (line.contains("\"object-done\"")) {
          done++;
        }
        assertThat(line).doesNotContain("backup-result");
      }
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      fx.sim.faults().disable();
    }
    assertThat(done).as("the child got part-way before it was killed").isEqualTo(objects);
  }

  private static Process startBackupProcess(Path volume) throws Exception {
    Path trust = dir.resolve("trust.p12");
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(null, null);
    KeyStore simTrust = fx.sim.trustStore();
    for (String alias : Collections.list(simTrust.aliases())) {
      p12.setCertificateEntry(alias, simTrust.getCertificate(alias));
    }
    try (OutputStream out = Files.newOutputStream(trust)) {
      p12.store(out, "changeit".toCharArray());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            EngineMain.class.getName(),
            "backup",
            "--volume",
            volume.toString(),
            "--tenant",
            BackupFixture.TENANT,
            "--kek",
            fx.kekFile.toString(),
            "--login-url",
            fx.sim.baseUrl().toString(),
            "--org-id",
            fx.sim.org().orgId(),
            "--trust-store",
            trust.toString(),
            "--buffer-bytes",
            "2000"); // small sorted runs: segments are written while the run goes on
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      w.write("{\"accessToken\":\"" + fx.sim.issueToken(fx.sim.org().integrationUserId()) + "\"}");
    }
    return p;
  }
}
