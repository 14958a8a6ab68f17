package io.orgvault.web.restore;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.web.Orgs;
import io.orgvault.web.Runs;
import io.orgvault.web.SalesforceBrowser;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.restore.repository.RestoreJobRepository;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.secrets.TokenVault;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Restores through the API, in real sandboxes against the simulator: what a backup held is written
 * back into the simulated org, which the assertions read directly.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class RestoreApiTest {
  @Inject SalesforceOrgRepository orgs;
  @Inject TokenVault vault;
  @Inject RestoreJobRepository restoreRows;

  /** Contacts a test has used, so later tests of the class pick others. */
  private static final Set<String> USED = new java.util.HashSet<>();

  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aPlannedAndConfirmedRestorePutsTheBackedUpContactsBackIntoTheOrg() throws Exception {
    var t = createTenant(slug("restore"));
    String orgId = Orgs.connect(t.key(), "Production");
    String restores = "/api/v1/orgs/" + orgId + "/restores";
    Org org = SimulatorTestResource.simulator().org();

    long first = backup(t.key(), orgId);
    List<String> contacts = liveContacts(6);
    Map<String, Object> lastNames = new HashMap<>();
    for (String c : contacts) {
      lastNames.put(c, value(org, c, "LastName"));
    }
    List<String> changed = contacts.subList(0, 3);
    List<String> recycled = contacts.subList(3, 5);
    String purged = contacts.get(5);
    String user = org.integrationUserId();
    for (String c : changed) {
      assertThat(org.update("Contact", c, Map.of("LastName", "Overwritten " + c), user).success())
          .isTrue();
    }
    for (String c : contacts.subList(3, 6)) {
      assertThat(org.delete(c, user).success()).isTrue();
    }
    long second = backup(t.key(), orgId);
    assertThat(org.purge(purged).success()).isTrue();

    // Plan: the contacts compare reports deleted or changed between the two backups.
    Map<String, Object> selection =
        Map.of(
            "kind",
            "compare-records",
            "from",
            first,
            "to",
            second,
            "objects",
            List.of("Contact"),
            "kinds",
            List.of("deleted", "changed"));
    String id =
        as(t.key())
            .body(Map.of("selection", selection))
            .post(restores)
            .then()
            .statusCode(202)
            .header("Location", containsString(restores + "/"))
            .body("state", equalTo("PLANNING"))
            .body("targetOrgId", equalTo(orgId))
            .extract()
            .path("id");
    JsonPath plan = await(t.key(), restores + "/" + id, "PLANNED", "PLAN_FAILED");
    assertThat(plan.getString("state")).as(plan.prettify()).isEqualTo("PLANNED");
    assertThat(plan.getString("restoreId")).matches("r-[0-9a-f]{16}");
    assertThat(plan.getLong("backupNumber")).isEqualTo(first);
    assertThat(plan.getLong("records")).isEqualTo(6);
    assertThat(plan.getLong("estimatedApiCalls")).isPositive();
    assertThat(plan.getList("totals.object")).containsExactly("Contact");
    assertThat(plan.getInt("totals[0].update")).isEqualTo(3);
    assertThat(plan.getInt("totals[0].undelete")).isEqualTo(2);
    assertThat(plan.getInt("totals[0].create")).isEqualTo(1);
    assertThat(plan.getInt("totals[0].skip")).isZero();
    assertThat(plan.getString("selection.kind")).isEqualTo("compare-records");
    assertThat(plan.getString("options.conflicts")).isEqualTo("skip");
    // planning read the org and wrote nothing
    for (String c : changed) {
      assertThat(value(org, c, "LastName")).isEqualTo("Overwritten " + c);
    }
    assertThat(isLive(org, purged)).isFalse();

    // A run writes into the org: only with an explicit confirmation of the plan it read.
    String run = restores + "/" + id + "/run";
    as(t.key()).post(run).then().statusCode(400).body("error", equalTo("confirmation_required"));
    as(t.key())
        .body(Map.of("confirm", false, "records", 6))
        .post(run)
        .then()
        .statusCode(400)
        .body("error", equalTo("confirmation_required"));
    as(t.key())
        .body(Map.of("confirm", true, "records", 5))
        .post(run)
        .then()
        .statusCode(409)
        .body("error", equalTo("plan_mismatch"));
    as(t.key())
        .get(restores + "/" + id + "/results")
        .then()
        .statusCode(404)
        .body("error", equalTo("no_results"));

    // The first run may use 10% of a 20-call day: it stops, journaled, and says why.
    Simulator sim = SimulatorTestResource.simulator();
    JsonPath stopped;
    try {
      sim.limits().resetDay();
      sim.limits().dailyMax(20);
      as(t.key())
          .body(Map.of("confirm", true, "records", 6))
          .post(run)
          .then()
          .statusCode(202)
          .body("state", equalTo("RUNNING"));
      stopped = await(t.key(), restores + "/" + id, "STOPPED", "COMPLETED", "FAILED");
    } finally {
      sim.limits().dailyMax(1_000_000);
    }
    assertThat(stopped.getString("state")).as(stopped.prettify()).isEqualTo("STOPPED");
    assertThat(stopped.getString("stopReason")).contains("API budget");
    assertThat(stopped.getLong("outcomes.not_run")).isPositive();

    // Running it again continues the journal and finishes.
    as(t.key()).body(Map.of("confirm", true, "records", 6)).post(run).then().statusCode(202);
    as(t.key())
        .body(Map.of("confirm", true, "records", 6))
        .post(run)
        .then()
        .statusCode(409)
        .body("error", equalTo("restore_not_runnable"));
    JsonPath done = await(t.key(), restores + "/" + id, "COMPLETED", "STOPPED", "FAILED");
    assertThat(done.getString("state")).as(done.prettify()).isEqualTo("COMPLETED");
    assertThat(done.getInt("runs")).isEqualTo(2);
    assertThat(done.getLong("outcomes.success")).isEqualTo(6);
    assertThat(done.getLong("outcomes.failed")).isZero();
    assertThat(done.getLong("outcomes.not_run")).isZero();
    assertThat(done.getLong("resultsRows")).isEqualTo(6);
    assertThat(done.getLong("apiCalls")).isPositive();
    assertThat(done.getInt("stepsDone")).isPositive();
    assertThat(done.getString("confirmedBy")).isNotBlank();

    // The org holds the backed-up values again: the same records, the purged one re-created.
    for (String c : contacts.subList(0, 5)) {
      assertThat(isLive(org, c)).as(c).isTrue();
      assertThat(value(org, c, "LastName")).isEqualTo(lastNames.get(c));
    }

    // The results CSV: every planned record, once, from the newest run's file.
    var response = as(t.key()).get(restores + "/" + id + "/results").then().statusCode(200);
    assertThat(response.extract().contentType()).startsWith("text/csv");
    assertThat(response.extract().header("Content-Disposition"))
        .contains("restore-" + plan.getString("restoreId") + "-2.csv");
    List<List<String>> csv = csv(response.extract().asString());
    assertThat(csv.get(0))
        .containsExactly(
            "Object",
            "SourceId",
            "Action",
            "Outcome",
            "TargetId",
            "ErrorCode",
            "ErrorMessage",
            "ErrorFields",
            "Note");
    List<List<String>> rows = csv.subList(1, csv.size());
    assertThat(rows).extracting(r -> r.get(1)).containsExactlyInAnyOrderElementsOf(contacts);
    assertThat(rows).allMatch(r -> r.get(3).equals("SUCCESS"));
    List<String> created =
        rows.stream().filter(r -> r.get(1).equals(purged)).map(r -> r.get(4)).toList();
    assertThat(created).hasSize(1);
    assertThat(created.get(0)).isNotEqualTo(purged);
    assertThat(isLive(org, created.get(0))).isTrue();
    assertThat(value(org, created.get(0), "LastName")).isEqualTo(lastNames.get(purged));

    // Only the restore's own plain results name, in an exports/ that is no link, is ever served.
    String results = restores + "/" + id + "/results";
    TenantId tenant = TenantId.of(t.tenantId());
    String file = setResultsFile(tenant, id, "../keys/data-key");
    as(t.key()).get(results).then().statusCode(500).body("error", equalTo("internal_error"));
    setResultsFile(tenant, id, file);
    Path store = SimulatorTestResource.storeOf(t.tenantId());
    Files.move(store.resolve("exports"), store.resolve("exports-elsewhere"));
    Files.createSymbolicLink(store.resolve("exports"), store.resolve("exports-elsewhere"));
    as(t.key()).get(results).then().statusCode(404).body("error", equalTo("no_results"));
    Files.delete(store.resolve("exports"));
    Files.move(store.resolve("exports-elsewhere"), store.resolve("exports"));
    as(t.key()).get(results).then().statusCode(200);

    List<String> listed = as(t.key()).get(restores).then().statusCode(200).extract().path("id");
    assertThat(listed).containsExactly(id);

    // Another tenant sees none of it.
    var other = createTenant(slug("snoop"));
    as(other.key()).get(restores).then().statusCode(404);
    as(other.key()).get(restores + "/" + id).then().statusCode(404);
    as(other.key()).get(restores + "/" + id + "/results").then().statusCode(404);
    as(other.key()).body(Map.of("confirm", true, "records", 6)).post(run).then().statusCode(404);
    as(other.key()).body(Map.of("selection", selection)).post(restores).then().statusCode(404);
    // nor restores into it: a target org must be the caller's own
    String otherOrg = Orgs.connect(other.key(), "Peer");
    as(t.key())
        .body(Map.of("selection", selection, "targetOrgId", otherOrg))
        .post(restores)
        .then()
        .statusCode(404);
  }

  @Test
  void aRestoreIntoAnotherOrgOfTheTenantCreatesTheRecordsThere() throws Exception {
    var t = createTenant(slug("other-org"));
    String source = Orgs.connect(t.key(), "Production");
    Simulator targetSim = SimulatorTestResource.secondSimulator();
    String target = Orgs.connect(t.key(), "Sandbox", targetSim);
    Org from = SimulatorTestResource.simulator().org();
    Org to = targetSim.org();
    long b = backup(t.key(), source);

    String account = null;
    List<String> contacts = List.of();
    ObjectTable accounts = from.table("Account");
    for (int r = 0; r < accounts.size() && contacts.size() < 2; r++) {
      if (accounts.isLive(r) && USED.add(accounts.id(r))) {
        account = accounts.id(r);
        contacts = liveWhere(from, "Contact", "AccountId", account);
      }
    }
    assertThat(contacts).hasSizeGreaterThanOrEqualTo(2);
    Object name = value(from, account, "Name");
    List<String> sameNameBefore = liveWhere(to, "Account", "Name", name);

    String restores = "/api/v1/orgs/" + source + "/restores";
    Map<String, Object> selection =
        Map.of(
            "kind",
            "record-with-related",
            "backup",
            b,
            "object",
            "Account",
            "id",
            account,
            "children",
            true,
            "parents",
            false);
    Map<String, Object> options =
        Map.of("omit", List.of("Case", "Opportunity", "Task", "Attachment", "ContentDocumentLink"));
    String id =
        as(t.key())
            .body(Map.of("selection", selection, "options", options, "targetOrgId", target))
            .post(restores)
            .then()
            .statusCode(202)
            .body("targetOrgId", equalTo(target))
            .extract()
            .path("id");
    JsonPath plan = await(t.key(), restores + "/" + id, "PLANNED", "PLAN_FAILED");
    assertThat(plan.getString("state")).as(plan.prettify()).isEqualTo("PLANNED");
    assertThat(plan.getLong("records")).isEqualTo(1 + contacts.size());
    as(t.key())
        .body(Map.of("confirm", true, "records", 1 + contacts.size()))
        .post(restores + "/" + id + "/run")
        .then()
        .statusCode(202);
    JsonPath done = await(t.key(), restores + "/" + id, "COMPLETED", "STOPPED", "FAILED");
    assertThat(done.getString("state")).as(done.prettify()).isEqualTo("COMPLETED");
    assertThat(done.getLong("outcomes.failed")).isZero();

    // the target org has a new account with the source's values, its contacts pointing at it
    List<String> named = new ArrayList<>(liveWhere(to, "Account", "Name", name));
    named.removeAll(sameNameBefore);
    assertThat(named).hasSize(1);
    String created = named.get(0);
    assertThat(
            liveWhere(to, "Contact", "AccountId", created).stream()
                .map(c -> value(to, c, "LastName"))
                .toList())
        .containsExactlyInAnyOrderElementsOf(
            contacts.stream().map(c -> value(from, c, "LastName")).toList());
  }

  private static List<String> liveWhere(Org org, String object, String field, Object v) {
    ObjectTable table = org.table(object);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < table.size(); r++) {
      if (table.isLive(r) && java.util.Objects.equals(table.value(r, field), v)) {
        out.add(table.id(r));
      }
    }
    return out;
  }

  @Test
  void aPlanNeverRunsWhileABackupOfTheTenantWritesTheStore() throws Exception {
    var t = createTenant(slug("serial"));
    String orgId = Orgs.connect(t.key(), "Serialized");
    long b = backup(t.key(), orgId);
    String runId =
        as(t.key())
            .post("/api/v1/orgs/" + orgId + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String restores = "/api/v1/orgs/" + orgId + "/restores";
    String id =
        as(t.key())
            .body(
                Map.of(
                    "selection", Map.of("kind", "object-as-of", "backup", b, "object", "Account")))
            .post(restores)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath backup = Runs.awaitBackup(t.key(), runId);
    JsonPath plan = await(t.key(), restores + "/" + id, "PLANNED", "PLAN_FAILED");
    assertThat(backup.getString("state")).isEqualTo("SUCCEEDED");
    assertThat(plan.getString("state")).as(plan.prettify()).isEqualTo("PLANNED");
    Instant backupStart = Instant.parse(backup.getString("startedAt"));
    Instant backupEnd = Instant.parse(backup.getString("finishedAt"));
    Instant planStart = Instant.parse(plan.getString("jobStartedAt"));
    Instant planEnd = Instant.parse(plan.getString("plannedAt"));
    // one job of the tenant at a time: the plan ran wholly before or wholly after the backup
    assertThat(!planStart.isBefore(backupEnd) || !planEnd.isAfter(backupStart))
        .as("plan %s..%s, backup %s..%s", planStart, planEnd, backupStart, backupEnd)
        .isTrue();
    assertThat(plan.getLong("records")).isPositive();
  }

  @Test
  void selectionsAreCheckedAsTheSandboxChecksThem() throws Exception {
    var t = createTenant(slug("badsel"));
    String orgId = Orgs.connect(t.key(), "Checked");
    String restores = "/api/v1/orgs/" + orgId + "/restores";
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("selection", Map.of("kind", "everything")),
            Map.of("selection", Map.of("kind", "record-version", "backup", 1, "object", "Contact")),
            Map.of(
                "selection",
                Map.of(
                    "kind", "record-version", "backup", 1, "object", "Contact", "id", "'; drop")),
            Map.of("selection", Map.of("kind", "object-as-of", "backup", 0, "object", "Contact")),
            Map.of(
                "selection",
                Map.of("kind", "object-as-of", "backup", 1, "object", "Contact"),
                "options",
                Map.of("conflicts", "sometimes")),
            Map.of())) {
      as(t.key())
          .body(bad)
          .post(restores)
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_selection"))
          .body("message", not(containsString("drop")));
    }
    // a valid selection of an org without backups has nothing to restore from
    as(t.key())
        .body(Map.of("selection", Map.of("kind", "object-as-of", "backup", 1, "object", "Contact")))
        .post(restores)
        .then()
        .statusCode(409)
        .body("error", equalTo("no_backups"));
    as(t.key())
        .body(
            Map.of(
                "selection",
                Map.of("kind", "object-as-of", "backup", 1, "object", "Contact"),
                "targetOrgId",
                UUID.randomUUID().toString()))
        .post(restores)
        .then()
        .statusCode(404);
    as(t.key()).get(restores).then().statusCode(200);
    as(t.key()).get(restores + "/" + UUID.randomUUID()).then().statusCode(404);
  }

  @Test
  void aRevokedTokenFailsThePlanClearlyAndAsksForReconnection() throws Exception {
    var t = createTenant(slug("rrevoked"));
    String orgId = Orgs.connect(t.key(), "Revoked");
    long b = backup(t.key(), orgId);
    TenantId tenant = TenantId.of(t.tenantId());
    String refresh = Orgs.storedRefreshToken(orgs, vault, tenant, orgId);
    // an admin revokes OrgVault's access in Salesforce's setup
    var sim = SimulatorTestResource.simulator();
    assertThat(new SalesforceBrowser(sim).revoke(refresh)).isEqualTo(200);
    assertThat(new SalesforceBrowser(sim).refresh(refresh)).isEqualTo(400);

    String restores = "/api/v1/orgs/" + orgId + "/restores";
    Map<String, Object> selection =
        Map.of("kind", "object-as-of", "backup", b, "object", "Contact");
    String id =
        as(t.key())
            .body(Map.of("selection", selection))
            .post(restores)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath failed = await(t.key(), restores + "/" + id, "PLAN_FAILED", "PLANNED");
    assertThat(failed.getString("state")).isEqualTo("PLAN_FAILED");
    assertThat(failed.getString("errorCode")).isEqualTo("salesforce_token_invalid");
    assertThat(failed.getString("errorMessage")).contains("reconnect").doesNotContain(refresh);
    assertThat(failed.getString("restoreId")).isNull();
    as(t.key()).get("/api/v1/orgs/" + orgId).then().body("status", equalTo("RECONNECT_REQUIRED"));
    as(t.key())
        .body(Map.of("selection", selection))
        .post(restores)
        .then()
        .statusCode(409)
        .body("error", equalTo("org_not_connected"));
    as(t.key())
        .body(Map.of("confirm", true, "records", 0))
        .post(restores + "/" + id + "/run")
        .then()
        .statusCode(409)
        .body("error", equalTo("restore_not_runnable"));
  }

  // ------------------------------------------------------------------------------ helpers

  /** Sets the row's results file name (as a tampered sandbox result would); returns the old. */
  private String setResultsFile(TenantId tenant, String id, String name) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              RestoreJob r = restoreRows.find(tenant, UUID.fromString(id)).orElseThrow();
              String old = r.resultsFile;
              r.resultsFile = name;
              return old;
            });
  }

  private static long backup(String key, String orgId) throws InterruptedException {
    JsonPath done = Runs.backUp(key, orgId);
    assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
    return done.getLong("backupNumber");
  }

  private static JsonPath await(String key, String path, String... ends)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      JsonPath r = as(key).get(path).then().statusCode(200).extract().jsonPath();
      if (List.of(ends).contains(r.getString("state"))) {
        return r;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(path + " did not reach " + List.of(ends));
  }

  /** Live contacts no earlier test of this class touched. */
  private static List<String> liveContacts(int n) {
    ObjectTable t = SimulatorTestResource.simulator().org().table("Contact");
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.size() && out.size() < n; r++) {
      if (t.isLive(r) && USED.add(t.id(r))) {
        out.add(t.id(r));
      }
    }
    assertThat(out).hasSize(n);
    return out;
  }

  private static boolean isLive(Org org, String id) {
    Org.RowRef ref = org.find(id);
    return ref != null && ref.table().isLive(ref.row());
  }

  private static Object value(Org org, String id, String field) {
    Org.RowRef ref = org.find(id);
    return ref.table().value(ref.row(), field);
  }

  /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
  static List<List<String>> csv(String s) {
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
      } else if (c == '\n') {
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
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
