package io.orgvault.engine.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.cli.EngineMain;
import io.orgvault.engine.compare.SimBackups;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restore process killed with SIGKILL part-way through, then run again: every record is restored
 * exactly once.
 */
class RestoreKillTest {
  private SimBackups fx;
  private Org org;

  @BeforeEach
  void start() throws Exception {
    fx = new SimBackups(600);
    org = fx.sim.org();
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aKilledRunContinuesWithNoDuplicateAndNothingMissing() throws Exception {
    long b = fx.backup();
    List<String> before = new ArrayList<>();
    try (RecordStore store = fx.openStore();
        RecordStream rs = store.snapshot(b).records("Contact")) {
      rs.forEachRemaining(
          v -> before.add(signature(v.fields().get("LastName"), v.fields().get("Email"))));
    }
    ObjectTable t = org.table("Contact");
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r)) {
        String id = t.id(r);
        assertThat(org.delete(id, org.integrationUserId()).success()).isTrue();
        assertThat(org.purge(id).success()).isTrue();
      }
    }
    RestorePlan p =
        RestoreRun.plan(
            fx, new RestoreSelection.ObjectAsOf(b, "Contact"), RestoreOptions.defaults());
    assertThat(p.records(("Contact"), RestoreAction.CREATE)).hasSize(before.size());
    assertThat(before.size()).isGreaterThan(2 * 200);

    fx.sim.faults().enable(FaultPlan.none().withLatency(Duration.ofMillis(30)));
    Process child = startRun(p.restoreId());
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.contains("\"restore-step\"")) {
          break;
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      fx.sim.faults().disable();
    }
    assertThat(lines)
        .anyMatch(l -> l.contains("restore-step"))
        .noneMatch(l -> l.contains("restore-result"));
    int afterKill = liveContacts().size();
    assertThat(afterKill).isGreaterThanOrEqualTo(200).isLessThan(before.size());

    RestoreReport done = RestoreRun.run(fx, p.restoreId());
    assertThat(done.status()).isEqualTo(RestoreReport.Status.COMPLETE);
    assertThat(done.count(RestoreResult.Outcome.SUCCESS)).isEqualTo(before.size());
    List<String> now = liveContacts();
    assertThat(now).containsExactlyInAnyOrderElementsOf(before);
    assertThat(done.results().stream().map(RestoreResult::targetId).distinct().count())
        .isEqualTo(before.size());
  }

  @Test
  void aCreateSentButNotJournaledIsFoundInTheOrgAndNotSentAgain() {
    long b = fx.backup();
    String account = OrgPicture.accountWithChildren(org, 2);
    List<String> contacts = OrgPicture.liveWhere(org, "Contact", "AccountId", account);
    for (String id : contacts) {
      org.delete(id, org.integrationUserId());
      org.purge(id);
    }
    RestorePlan p =
        RestoreRun.plan(
            fx,
            new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
            RestoreOptions.defaults());
    List<PlannedRecord> creates = p.records("Contact", RestoreAction.CREATE);
    assertThat(creates).hasSize(contacts.size());
    // What a run killed between its send and its outcome leaves: an intent, and records in the org.
    var client = fx.client();
    try (RecordStore store = fx.openStore()) {
      RestoreJournal j = RestoreJournal.open(store, p.restoreId());
      j.startRun(client.serverTimestamp());
      j.intent(
          "CREATE/Contact/0",
          RestoreJournal.Phase.CREATE,
          "Contact",
          creates.stream().map(PlannedRecord::sourceId).toList());
    }
    var sent = client.create("Contact", creates.stream().map(PlannedRecord::fields).toList());
    assertThat(sent).allMatch(x -> x.success());

    RestoreReport r = RestoreRun.run(fx, p.restoreId());

    assertThat(r.status()).isEqualTo(RestoreReport.Status.COMPLETE);
    assertThat(r.results())
        .filteredOn(x -> x.object().equals("Contact"))
        .allSatisfy(
            x -> {
              assertThat(x.outcome()).isEqualTo(RestoreResult.Outcome.SUCCESS);
              assertThat(x.note()).isEqualTo("found in the org after an interrupted run");
            })
        .extracting(RestoreResult::targetId)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(x -> x.id()).toList());
    assertThat(OrgPicture.liveWhere(org, "Contact", "AccountId", account)).hasSize(contacts.size());
  }

  @Test
  void writesWhoseAnswersAreCutOffAreReconciledOnTheNextRun() {
    long b = fx.backup();
    List<String> before = new ArrayList<>();
    try (RecordStore store = fx.openStore();
        RecordStream rs = store.snapshot(b).records("Contact")) {
      rs.forEachRemaining(
          v -> before.add(signature(v.fields().get("LastName"), v.fields().get("Email"))));
    }
    ObjectTable t = org.table("Contact");
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r)) {
        org.delete(t.id(r), org.integrationUserId());
        org.purge(t.id(r));
      }
    }
    RestorePlan p =
        RestoreRun.plan(
            fx, new RestoreSelection.ObjectAsOf(b, "Contact"), RestoreOptions.defaults());

    // Responses cut off part-way: the creates are applied but the client cannot know it.
    int unknown = 0;
    for (int attempt = 0; attempt < 4; attempt++) {
      fx.sim.faults().enable(FaultPlan.none().withSeed(11 + attempt).withTruncation(0.5));
      try {
        RestoreRun.run(fx, p.restoreId());
      } catch (io.orgvault.engine.salesforce.WriteOutcomeUnknownException e) {
        unknown++;
      } catch (io.orgvault.engine.salesforce.SalesforceException e) {
        // a read cut off too often: the next run goes on
      } finally {
        fx.sim.faults().disable();
      }
    }
    assertThat(unknown).as("some write's outcome was unknown").isPositive();
    RestoreReport done = RestoreRun.run(fx, p.restoreId());

    assertThat(done.status()).isEqualTo(RestoreReport.Status.COMPLETE);
    assertThat(done.count(RestoreResult.Outcome.SUCCESS)).isEqualTo(before.size());
    assertThat(done.results())
        .anyMatch(x -> "found in the org after an interrupted run".equals(x.note()));
    assertThat(liveContacts()).containsExactlyInAnyOrderElementsOf(before);
  }

  private List<String> liveContacts() {
    ObjectTable t = org.table("Contact");
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r)) {
        out.add(signature(t.value(r, "LastName"), t.value(r, "Email")));
      }
    }
    return out;
  }

  private static String signature(Object lastName, Object email) {
    return lastName + "|" + email;
  }

  private Process startRun(String restoreId) throws Exception {
    Path trust = fx.dir.resolve("trust.p12");
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
            "restore",
            "run",
            "--volume",
            fx.volume.toString(),
            "--tenant",
            SimBackups.TENANT,
            "--kek",
            fx.kekFile.toString(),
            "--login-url",
            fx.sim.baseUrl().toString(),
            "--org-id",
            org.orgId(),
            "--api-budget-percent",
            "100",
            "--trust-store",
            trust.toString(),
            "--restore-id",
            restoreId);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      w.write("{\"accessToken\":\"" + fx.sim.issueToken(org.integrationUserId()) + "\"}");
    }
    return p;
  }
}
