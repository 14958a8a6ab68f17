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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    BackupResult next = fx.backup(BackupOptions.defaults());
    assertThat(next.committed()).isTrue();
    assertThat(next.backupNumber().getAsLong()).isEqualTo(last + 1);
    try (RecordStore store = fx.openStore()) {
      Snapshot s = store.snapshot(next.backupNumber().getAsLong());
      for (String object : List.of("Contact", "Account", "Opportunity", "ContentVersion")) {
        assertThat(BackupFixture.snapshotRows(s, object)).as(object).isEqualTo(fx.orgRows(object));
      }
      assertThat(store.verify().ok()).isTrue();
    }
  }

  /** Starts a backup process and kills it (SIGKILL) once {@code objects} objects are done. */
  private static void killPartWay(int objects) throws Exception {
    fx.sim.faults().enable(FaultPlan.none().withLatency(Duration.ofMillis(20)));
    Process p = startBackupProcess();
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

  private static Process startBackupProcess() throws Exception {
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
            fx.volume.toString(),
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
