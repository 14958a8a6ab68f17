package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.engine.restore.RestoreFiles;
import io.orgvault.engine.restore.RestoreOptions;
import io.orgvault.engine.restore.RestorePlan;
import io.orgvault.engine.restore.RestoreSelection;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.sandbox.Sandboxes;
import io.orgvault.sandbox.TenantFixture;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.RestoreSettings;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restore as two sandbox jobs against the simulator: an Account with its children is backed up in
 * the sandbox, deleted and purged from the org, planned and run in the sandbox, and is back in the
 * org under new Ids with its children pointing at the new Account.
 */
class RestoreJobTest {
  static final int UID = 61_075;

  static SandboxLauncher launcher;
  static TenantFixture tenant;
  static TenantSandbox box;
  static Org org;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-restore");
    launcher = Sandboxes.launcher(dir);
    tenant = new TenantFixture("restorer", Simulator.builder().contacts(120).port(0).start(), dir);
    box = new TenantSandbox("restorer", UID, tenant.volume, Set.of());
    org = tenant.sim.org();
  }

  @AfterAll
  static void stop() {
    launcher.close();
    tenant.close();
  }

  @Test
  void aPurgedAccountWithItsContactsIsPlannedAndRestoredInTheSandbox() throws Exception {
    SandboxLauncher.JobOutcome backup =
        launcher.runJob(box, tenant.backupRequest("/unused"), m -> {});
    assertThat(backup.sandbox().exitCode()).as(backup.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    long b = backup.lastMessage().at("/result/backup").asLong();

    String account = accountWithContacts(2);
    List<String> contacts = liveWhere("Contact", "AccountId", account);
    Map<String, Map<String, Object>> before = new HashMap<>();
    try (RecordStore store = tenant.openStore()) {
      var s = store.snapshot(b);
      before.put(account, s.get("Account", account).map(RecordVersion::fields).orElseThrow());
      for (String c : contacts) {
        before.put(c, s.get("Contact", c).map(RecordVersion::fields).orElseThrow());
      }
    }
    deleteAndPurge(account);
    assertThat(isLive(account)).isFalse();

    // Plan: nothing written to the org, the plan sealed in the volume, its figures on stdout.
    List<JsonNode> planned = new ArrayList<>();
    SandboxLauncher.JobOutcome plan =
        launcher.runJob(
            box,
            tenant.restoreRequest(
                JobKind.RESTORE_PLAN,
                RestoreSettings.plan(
                    new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
                    RestoreOptions.defaults())),
            planned::add);
    assertThat(plan.sandbox().exitCode()).as(plan.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    JsonNode p = plan.lastMessage();
    assertThat(p.get("type").asText()).isEqualTo("job-result");
    assertThat(p.get("kind").asText()).isEqualTo("restore-plan");
    String restoreId = p.at("/result/restoreId").asText();
    assertThat(restoreId).matches("r-[0-9a-f]{16}");
    assertThat(totals(p, "Account").get("create").asInt()).isEqualTo(1);
    assertThat(totals(p, "Contact").get("create").asInt()).isEqualTo(contacts.size());
    assertThat(p.at("/result/estimatedApiCalls").asLong()).isPositive();
    assertThat(isLive(account)).isFalse();
    try (RecordStore store = tenant.openStore()) {
      RestorePlan sealed = RestoreFiles.loadPlan(store, restoreId);
      assertThat(p.at("/result/records").asInt()).isEqualTo(sealed.records().size());
      assertThat(p.at("/result/estimatedApiCalls").asLong()).isEqualTo(sealed.estimatedApiCalls());
    }
    // The records themselves stay in the volume: no line carries them.
    assertThat(planned).noneMatch(m -> m.toString().contains(contacts.get(0)));

    // Run: the Account and its Contacts are back, under new Ids, pointing at the new Account.
    List<JsonNode> messages = new ArrayList<>();
    SandboxLauncher.JobOutcome run =
        launcher.runJob(
            box,
            tenant.restoreRequest(JobKind.RESTORE_RUN, RestoreSettings.run(restoreId)),
            messages::add);
    assertThat(run.sandbox().exitCode()).as(run.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    JsonNode r = run.lastMessage();
    assertThat(r.get("kind").asText()).isEqualTo("restore-run");
    assertThat(r.at("/result/status").asText()).isEqualTo("COMPLETE");
    assertThat(r.at("/result/outcomes/failed").asLong()).isZero();
    assertThat(r.at("/result/apiCalls").asLong()).isPositive();
    assertThat(messages)
        .anyMatch(
            m ->
                m.get("type").asText().equals("restore-step")
                    && m.get("object").asText().equals("Contact")
                    && m.get("succeeded").asInt() == contacts.size());
    String file = r.at("/result/file").asText();
    assertThat(file).isEqualTo("restore-" + restoreId + ".csv");
    List<List<String>> csv = csv(tenant.volume.resolve("exports").resolve(file));
    assertThat(csv.get(0)).startsWith("Object", "SourceId", "Action", "Outcome", "TargetId");
    assertThat(csv).hasSize(r.at("/result/results").asInt() + 1);
    Map<String, String> ids = new TreeMap<>();
    for (List<String> row : csv.subList(1, csv.size())) {
      if (row.get(3).equals("SUCCESS")) {
        ids.put(row.get(1), row.get(4));
      }
    }

    String newAccount = ids.get(account);
    assertThat(newAccount).isNotNull().isNotEqualTo(account);
    assertThat(isLive(newAccount)).isTrue();
    assertThat(value(newAccount, "Name")).isEqualTo(before.get(account).get("Name"));
    assertThat(liveWhere("Contact", "AccountId", newAccount))
        .containsExactlyInAnyOrderElementsOf(contacts.stream().map(ids::get).toList());
    for (String c : contacts) {
      assertThat(value(ids.get(c), "LastName")).isEqualTo(before.get(c).get("LastName"));
    }

    // A second run of the finished restore writes nothing and does not overwrite the results.
    SandboxLauncher.JobOutcome again =
        launcher.runJob(
            box,
            tenant.restoreRequest(JobKind.RESTORE_RUN, RestoreSettings.run(restoreId)),
            m -> {});
    assertThat(again.sandbox().exitCode()).as(again.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    assertThat(again.lastMessage().at("/result/apiCalls").asLong()).isZero();
    assertThat(again.lastMessage().at("/result/file").asText())
        .isEqualTo("restore-" + restoreId + "-2.csv");
    assertThat(liveWhere("Contact", "AccountId", newAccount)).hasSize(contacts.size());
  }

  @Test
  void aRunStoppedByTheApiAllowanceExitsThreeAndTheNextRunFinishesIt() throws Exception {
    SandboxLauncher.JobOutcome backup =
        launcher.runJob(box, tenant.backupRequest("/unused"), m -> {});
    assertThat(backup.sandbox().exitCode()).as(backup.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    long b = backup.lastMessage().at("/result/backup").asLong();
    String account = accountWithContacts(2);
    List<String> contacts = liveWhere("Contact", "AccountId", account);
    deleteAndPurge(account);
    SandboxLauncher.JobOutcome plan =
        launcher.runJob(
            box,
            tenant.restoreRequest(
                JobKind.RESTORE_PLAN,
                RestoreSettings.plan(
                    new RestoreSelection.RecordWithRelated(b, "Account", account, true, false),
                    RestoreOptions.defaults())),
            m -> {});
    assertThat(plan.sandbox().exitCode()).as(plan.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    String restoreId = plan.lastMessage().at("/result/restoreId").asText();

    // A run may use 10% of the daily allowance: 2 calls of 20 (the server time, the Account).
    JsonNode stopped;
    try {
      tenant.sim.limits().resetDay();
      tenant.sim.limits().dailyMax(20);
      SandboxLauncher.JobOutcome run =
          launcher.runJob(
              box,
              tenant.restoreRequest(JobKind.RESTORE_RUN, RestoreSettings.run(restoreId)),
              m -> {});
      assertThat(run.sandbox().exitCode()).as(run.sandbox().stderr()).isEqualTo(ExitCodes.STOPPED);
      stopped = run.lastMessage();
    } finally {
      tenant.sim.limits().dailyMax(1_000_000);
    }
    assertThat(stopped.get("exitCode").asInt()).isEqualTo(ExitCodes.STOPPED);
    assertThat(stopped.at("/result/status").asText()).isEqualTo("STOPPED");
    assertThat(stopped.at("/result/stopReason").asText()).contains("API budget");
    assertThat(stopped.at("/result/outcomes/not_run").asLong()).isPositive();
    List<List<String>> first =
        csv(tenant.volume.resolve("exports").resolve(stopped.at("/result/file").asText()));
    assertThat(first).anyMatch(row -> row.get(3).equals("NOT_RUN"));

    SandboxLauncher.JobOutcome rest =
        launcher.runJob(
            box,
            tenant.restoreRequest(JobKind.RESTORE_RUN, RestoreSettings.run(restoreId)),
            m -> {});
    assertThat(rest.sandbox().exitCode()).as(rest.sandbox().stderr()).isEqualTo(ExitCodes.OK);
    assertThat(rest.lastMessage().at("/result/status").asText()).isEqualTo("COMPLETE");
    assertThat(rest.lastMessage().at("/result/outcomes/not_run").asLong()).isZero();
    assertThat(rest.lastMessage().at("/result/file").asText())
        .isEqualTo("restore-" + restoreId + "-2.csv");
    Map<String, String> ids = new TreeMap<>();
    for (List<String> row : csv(tenant.volume.resolve("exports/restore-" + restoreId + "-2.csv"))) {
      if (row.get(3).equals("SUCCESS")) {
        ids.put(row.get(1), row.get(4));
      }
    }
    // Each record once: nothing the stopped run wrote was written again.
    assertThat(liveWhere("Contact", "AccountId", ids.get(account)))
        .containsExactlyInAnyOrderElementsOf(contacts.stream().map(ids::get).toList());
  }

  @Test
  void aRunOfAPlanThatIsNotThereFailsWithoutTouchingTheOrg() throws Exception {
    SandboxLauncher.JobOutcome run =
        launcher.runJob(
            box,
            tenant.restoreRequest(JobKind.RESTORE_RUN, RestoreSettings.run("r-00000000000000ff")),
            m -> {});
    assertThat(run.sandbox().exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.lastMessage().get("type").asText()).isEqualTo("job-failed");
    assertThat(Files.exists(tenant.volume.resolve("exports/restore-r-00000000000000ff.csv")))
        .isFalse();
  }

  static JsonNode totals(JsonNode plan, String object) {
    for (JsonNode t : plan.at("/result/totals")) {
      if (t.get("object").asText().equals(object)) {
        return t;
      }
    }
    throw new AssertionError("no totals for " + object);
  }

  // ------------------------------------------------- the simulated org's own tables

  static String accountWithContacts(int n) {
    ObjectTable a = org.table("Account");
    for (int r = 0; r < a.size(); r++) {
      if (a.isLive(r) && liveWhere("Contact", "AccountId", a.id(r)).size() >= n) {
        return a.id(r);
      }
    }
    throw new AssertionError("no account with " + n + " contacts");
  }

  static List<String> liveWhere(String object, String field, String value) {
    ObjectTable t = org.table(object);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r) && value.equals(t.value(r, field))) {
        out.add(t.id(r));
      }
    }
    return out;
  }

  static boolean isLive(String id) {
    Org.RowRef ref = org.find(id);
    return ref != null && ref.table().isLive(ref.row());
  }

  static Object value(String id, String field) {
    Org.RowRef ref = org.find(id);
    return ref.table().value(ref.row(), field);
  }

  /** Deletes the Account (Salesforce cascades to its children), then empties the recycle bin. */
  static void deleteAndPurge(String account) {
    String user = org.integrationUserId();
    List<String> children = new ArrayList<>();
    for (String object : List.of("Contact", "Opportunity", "Case")) {
      children.addAll(liveWhere(object, "AccountId", account));
    }
    assertThat(org.delete(account, user).success()).isTrue();
    for (String id : children) {
      Org.RowRef ref = org.find(id);
      if (ref != null && ref.table().isRecycled(ref.row())) {
        assertThat(org.purge(id).success()).isTrue();
      }
    }
    assertThat(org.purge(account).success()).isTrue();
  }

  /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
  static List<List<String>> csv(Path file) throws Exception {
    String s = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
      } else if (c == '\r') {
        // part of CRLF
      } else if (c == '\n') {
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        f.append(c);
      }
    }
    if (f.length() > 0 || !row.isEmpty()) {
      row.add(f.toString());
      rows.add(row);
    }
    return rows;
  }
}
