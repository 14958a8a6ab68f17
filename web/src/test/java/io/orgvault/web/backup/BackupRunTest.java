package io.orgvault.web.backup;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.web.Orgs;
import io.orgvault.web.Runs;
import io.orgvault.web.SalesforceBrowser;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.secrets.TokenVault;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class BackupRunTest {
  @Inject SalesforceOrgRepository orgs;
  @Inject TokenVault vault;

  @io.quarkus.test.common.http.TestHTTPResource("/")
  URI root;

  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anOnDemandBackupRunsInTheTenantsSandboxAndReportsItsFigures() throws Exception {
    var t = createTenant(slug("backup"));
    String orgId = Orgs.connect(t.key(), "Production");
    String runId =
        as(t.key())
            .post("/api/v1/orgs/" + orgId + "/backups")
            .then()
            .statusCode(202)
            .body("state", equalTo("QUEUED"))
            .body("trigger", equalTo("ON_DEMAND"))
            .extract()
            .path("id");
    // one backup of an org at a time
    as(t.key())
        .post("/api/v1/orgs/" + orgId + "/backups")
        .then()
        .statusCode(409)
        .body("error", equalTo("backup_in_progress"));

    // the run's server-sent events: its state now, then each change, ending with the last
    List<String> states = new java.util.ArrayList<>();
    HttpResponse<java.util.stream.Stream<String>> sse =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(root.resolve("api/v1/backup-runs/" + runId + "/events"))
                    .header("Authorization", "Bearer " + t.key())
                    .header("Accept", "text/event-stream")
                    .timeout(Duration.ofMinutes(3))
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    assertThat(sse.statusCode()).isEqualTo(200);
    sse.body()
        .filter(l -> l.startsWith("data:"))
        .forEach(l -> states.add(new JsonPath(l.substring(5)).getString("state")));
    assertThat(states).isNotEmpty().last().isEqualTo("SUCCEEDED");
    assertThat(states.subList(0, states.size() - 1))
        .allMatch(st -> st.equals("QUEUED") || st.equals("RUNNING"));

    JsonPath run = Runs.awaitBackup(t.key(), runId);
    assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
    assertThat(run.getLong("backupNumber")).isEqualTo(1);
    assertThat(run.getLong("rowsWritten")).isPositive();
    assertThat(run.getLong("apiCalls")).isPositive();
    assertThat(run.getInt("objectsDone")).isPositive();
    assertThat(run.getString("startedAt")).isNotNull();

    // the store in the tenant's volume holds the org as the simulator has it
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(SimulatorTestResource.kekFile());
        RecordStore store =
            RecordStore.open(SimulatorTestResource.storeOf(t.tenantId()), t.tenantId(), kek)) {
      assertThat(store.latestBackup()).hasValue(1);
      assertThat(store.manifest(1).object("Contact")).isPresent();
    }
    List<String> ids =
        as(t.key())
            .get("/api/v1/orgs/" + orgId + "/backups")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    assertThat(ids).containsExactly(runId);

    String metrics = io.restassured.RestAssured.get("/q/metrics").then().extract().asString();
    assertThat(metrics)
        .contains(
            "orgvault_backup_runs_total{error=\"none\",state=\"SUCCEEDED\",tenant=\""
                + t.tenantId()
                + "\"}")
        .contains(
            "orgvault_backup_duration_seconds_count{state=\"SUCCEEDED\",tenant=\""
                + t.tenantId()
                + "\"}");

    var other = createTenant(slug("peer"));
    as(other.key()).get("/api/v1/backup-runs/" + runId).then().statusCode(404);
    as(other.key()).post("/api/v1/orgs/" + orgId + "/backups").then().statusCode(404);
  }

  @Test
  void eachOrgOfATenantIsBackedUpIntoAStoreOfItsOwn() throws Exception {
    var t = createTenant(slug("two-orgs"));
    var first = SimulatorTestResource.simulator();
    var second = SimulatorTestResource.secondSimulator();
    String a = Orgs.connect(t.key(), "Production", first);
    String b = Orgs.connect(t.key(), "Europe", second);

    // interleaved: a store holds one org's chain, so the second org must not continue the first's
    JsonPath a1 = Runs.backUp(t.key(), a);
    JsonPath b1 = Runs.backUp(t.key(), b);
    JsonPath a2 = Runs.backUp(t.key(), a);
    assertThat(List.of(a1, b1, a2))
        .allSatisfy(r -> assertThat(r.getString("state")).as(r.prettify()).isEqualTo("SUCCEEDED"));
    assertThat(a1.getLong("backupNumber")).isEqualTo(1);
    assertThat(b1.getLong("backupNumber")).isEqualTo(1);
    assertThat(a2.getLong("backupNumber")).isEqualTo(2);

    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(SimulatorTestResource.kekFile());
        RecordStore sa =
            RecordStore.open(
                SimulatorTestResource.storeOf(t.tenantId(), first), t.tenantId(), kek);
        RecordStore sb =
            RecordStore.open(
                SimulatorTestResource.storeOf(t.tenantId(), second), t.tenantId(), kek)) {
      assertThat(sa.backups()).containsExactly(1L, 2L);
      assertThat(sa.manifest(2).orgId()).isEqualTo(first.org().orgId());
      assertThat(sb.backups()).containsExactly(1L);
      assertThat(sb.manifest(1).orgId()).isEqualTo(second.org().orgId());
      assertThat(sa.verify().ok()).isTrue();
      assertThat(sb.verify().ok()).isTrue();
    }
  }

  @Test
  void aRevokedSalesforceTokenFailsTheRunClearlyAndAsksForReconnection() throws Exception {
    var t = createTenant(slug("revoked"));
    String orgId = Orgs.connect(t.key(), "Revoked");
    TenantId tenant = TenantId.of(t.tenantId());
    String refresh = Orgs.storedRefreshToken(orgs, vault, tenant, orgId);
    // an admin revokes OrgVault's access in Salesforce's setup
    var sim = SimulatorTestResource.simulator();
    assertThat(new SalesforceBrowser(sim).revoke(refresh)).isEqualTo(200);
    assertThat(new SalesforceBrowser(sim).refresh(refresh)).isEqualTo(400);

    String runId =
        as(t.key())
            .post("/api/v1/orgs/" + orgId + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath run = Runs.awaitBackup(t.key(), runId);
    assertThat(run.getString("state")).isEqualTo("FAILED");
    assertThat(run.getString("errorCode")).isEqualTo("salesforce_token_invalid");
    assertThat(run.getString("errorMessage")).contains("reconnect").doesNotContain(refresh);
    as(t.key())
        .get("/api/v1/orgs/" + orgId)
        .then()
        .body("status", equalTo("RECONNECT_REQUIRED"))
        .body("statusReason", org.hamcrest.Matchers.containsString("reconnect"));
    // not retried: another attempt cannot help until someone reconnects
    Thread.sleep(1500);
    List<String> runs =
        as(t.key()).get("/api/v1/orgs/" + orgId + "/backups").then().extract().path("id");
    assertThat(runs).containsExactly(runId);
    as(t.key())
        .post("/api/v1/orgs/" + orgId + "/backups")
        .then()
        .statusCode(409)
        .body("error", equalTo("org_not_connected"));
  }
}
