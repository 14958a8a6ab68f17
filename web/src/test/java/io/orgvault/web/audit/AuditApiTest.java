package io.orgvault.web.audit;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.asOperator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.orgvault.web.ApiClient;
import io.orgvault.web.audit.schedule.CheckpointJob;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit log wired into the service: its schema at start, one event per call of every /api/v1
 * operation (from the OpenAPI document), refused keys, and the tenant's viewer, export and verify.
 */
@QuarkusTest
class AuditApiTest {
  private static final String CLIENT_IP = "203.0.113.77";
  private static final String AGENT = "audit-test/1.0";

  @Inject AgroalDataSource db;
  @Inject CheckpointJob checkpoints;

  record Row(
      String tenant,
      String actor,
      String role,
      String ip,
      String agent,
      String action,
      String targetType,
      String targetId,
      String outcome,
      String reason) {}

  @Test
  void theAuditSchemaIsMigratedWithItsOwnHistory() throws SQLException {
    try (var c = db.getConnection();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select version, success from audit_schema_history where type = 'SQL'"
                        + " order by installed_rank")) {
      List<String> versions = new ArrayList<>();
      while (rs.next()) {
        assertThat(rs.getBoolean(2)).isTrue();
        versions.add(rs.getString(1));
      }
      assertThat(versions).containsExactly("1", "2");
    }
    try (var c = db.getConnection();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select count(*) from pg_trigger where tgname = 'audit_event_append_only'")) {
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void everyOperationUnderApiV1RecordsOneEvent() throws SQLException {
    var a = ApiClient.createTenant("audit-every-a");
    var b = ApiClient.createTenant("audit-every-b"); // the operator acts on this one
    String strangerTenant = UUID.randomUUID().toString();
    Map<String, Map<String, Object>> paths =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .path("paths");
    int called = 0;
    Map<String, String> actions = new LinkedHashMap<>();
    for (var p : paths.entrySet()) {
      String path = p.getKey();
      if (!path.startsWith("/api/v1") || path.equals("/api/v1/orgs/oauth/callback")) {
        continue; // the callback is @Unaudited (AuditCoverageTest checks the reason is given)
      }
      boolean operator = path.startsWith("/api/v1/operator/");
      boolean snapshots = path.contains("/snapshots");
      // The operator's snapshot calls name a tenant that does not exist: nothing is started.
      String operatorTenant = snapshots ? strangerTenant : b.tenantId();
      for (String method : p.getValue().keySet()) {
        String url =
            path.replace("{tenantId}", operatorTenant)
                .replace(
                    "{id}", operator && !snapshots ? b.tenantId() : UUID.randomUUID().toString())
                .replace("{orgId}", UUID.randomUUID().toString())
                .replace("{backup}", "latest")
                .replace("{object}", "Account");
        assertThat(url).as(path).doesNotContain("{");
        String requestId = "req-" + UUID.randomUUID();
        RequestSpecification spec =
            (operator ? asOperator() : as(a.key()))
                .header("X-Request-Id", requestId)
                .header("X-Forwarded-For", CLIENT_IP)
                .header("User-Agent", AGENT)
                .queryParam("at", "2026-01-01T00:00:00Z")
                .queryParam("from", "1")
                .queryParam("to", "2")
                .body("{}");
        int status = spec.request(method.toUpperCase(), url).then().extract().statusCode();
        assertThat(status).as(method + " " + path).isLessThan(500);
        List<Row> rows = byRequestId(requestId);
        assertThat(rows).as(method + " " + path + " (" + status + ")").hasSize(1);
        Row r = rows.get(0);
        String expectedTenant =
            !operator
                ? a.tenantId()
                : path.equals("/api/v1/operator/tenants")
                    ? AuditRecorder.PLATFORM_CHAIN
                    : operatorTenant;
        assertThat(r.tenant()).as(method + " " + path).isEqualTo(expectedTenant);
        assertThat(r.ip()).isEqualTo(CLIENT_IP);
        assertThat(r.agent()).isEqualTo(AGENT);
        assertThat(r.role()).isEqualTo(operator ? "operator" : "tenant-admin");
        assertThat(r.actor()).startsWith(operator ? "operator-key:" : "api-key:");
        assertThat(r.outcome())
            .as(method + " " + path)
            .isEqualTo(status < 400 ? "success" : "failure");
        if (status >= 400) {
          assertThat(r.reason()).startsWith("HTTP " + status);
        }
        actions.put(method.toUpperCase() + " " + path, r.action());
        called++;
      }
    }
    assertThat(called).isGreaterThan(50);
    assertThat(actions)
        .containsEntry(
            "GET /api/v1/orgs/{orgId}/data/backups/{backup}/objects/{object}/records/{id}",
            "data.view")
        .containsEntry("GET /api/v1/orgs/{orgId}/data/compare", "data.compare")
        .containsEntry("POST /api/v1/orgs/{orgId}/exports", "data.export")
        .containsEntry("POST /api/v1/orgs/{orgId}/restores", "restore.plan")
        .containsEntry("POST /api/v1/orgs/{orgId}/restores/{id}/run", "restore.execute")
        .containsEntry("POST /api/v1/orgs/{orgId}/backups", "backup.start")
        .containsEntry("DELETE /api/v1/orgs/{id}", "org.disconnect")
        .containsEntry("PUT /api/v1/tenant/retention", "retention.change")
        .containsEntry("POST /api/v1/operator/tenants/{id}/suspend", "tenant.suspend")
        .containsEntry("GET /api/v1/audit/events/export", "audit.export");
  }

  @Test
  void aSearchIsRecordedAsOneAndTheCreatedIdIsTheTarget() throws SQLException {
    var a = ApiClient.createTenant("audit-search");
    String rid = "req-" + UUID.randomUUID();
    as(a.key())
        .header("X-Request-Id", rid)
        .queryParam("search", "acme")
        .get("/api/v1/orgs/" + UUID.randomUUID() + "/data/backups/latest/objects/Account/records")
        .then()
        .statusCode(404);
    assertThat(byRequestId(rid)).extracting(Row::action).containsExactly("data.search");

    rid = "req-" + UUID.randomUUID();
    String keyId =
        as(a.key())
            .header("X-Request-Id", rid)
            .body("{\"name\":\"ci\"}")
            .post("/api/v1/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Row r = byRequestId(rid).get(0);
    assertThat(r.action()).isEqualTo("api-key.create");
    assertThat(r.targetType()).isEqualTo("api-key");
    assertThat(r.targetId()).isEqualTo(keyId);
  }

  @Test
  void operatorActionsGoToTheTenantsChainAndDeniedCallsAreDenied() throws SQLException {
    var a = ApiClient.createTenant("audit-operator");
    // the creation itself is in the new tenant's chain
    assertThat(eventsOf(a.tenantId())).extracting(Row::action).contains("tenant.create");

    String rid = "req-" + UUID.randomUUID();
    as(a.key()).header("X-Request-Id", rid).get("/api/v1/operator/tenants").then().statusCode(403);
    Row denied = byRequestId(rid).get(0);
    assertThat(denied.tenant()).isEqualTo(a.tenantId());
    assertThat(denied.outcome()).isEqualTo("denied");
    assertThat(denied.reason()).startsWith("HTTP 403");

    rid = "req-" + UUID.randomUUID();
    given().header("X-Request-Id", rid).get("/api/v1/tenant").then().statusCode(401);
    Row anonymous = byRequestId(rid).get(0);
    assertThat(anonymous.tenant()).isEqualTo(AuditRecorder.PLATFORM_CHAIN);
    assertThat(anonymous.outcome()).isEqualTo("denied");
    assertThat(anonymous.actor()).isNull();
  }

  @Test
  void aRefusedKeyIsRecordedWithoutItsSecret() throws SQLException {
    var a = ApiClient.createTenant("audit-badkey");
    // the real key's prefix (no '_' in it; the secret may hold one) with another secret
    int prefixEnd = a.key().indexOf('_', 4);
    String forged = a.key().substring(0, prefixEnd + 1) + "X".repeat(43);
    String rid = "req-" + UUID.randomUUID();
    as(forged)
        .header("X-Request-Id", rid)
        .header("X-Forwarded-For", CLIENT_IP)
        .get("/api/v1/tenant")
        .then()
        .statusCode(401);
    List<Row> rows = byRequestId(rid);
    assertThat(rows).hasSize(1);
    Row r = rows.get(0);
    assertThat(r.tenant()).isEqualTo(AuditRecorder.PLATFORM_CHAIN);
    assertThat(r.action()).isEqualTo("api-key.use");
    assertThat(r.outcome()).isEqualTo("denied");
    assertThat(r.ip()).isEqualTo(CLIENT_IP);
    String prefixed = a.key().substring(0, prefixEnd);
    assertThat(r.actor()).isEqualTo(prefixed);
    assertThat(r.toString()).doesNotContain("XXXXXXXX").doesNotContain(a.key());
  }

  @Test
  void theViewerFiltersPagesExportsAndVerifiesTheTenantsOwnChain() throws Exception {
    var a = ApiClient.createTenant("audit-viewer");
    var other = ApiClient.createTenant("audit-viewer-other");
    for (int i = 0; i < 5; i++) {
      as(a.key())
          .header("X-Forwarded-For", "198.51.100." + i)
          .get("/api/v1/tenant")
          .then()
          .statusCode(200);
    }
    as(a.key()).get("/api/v1/backup-runs/" + UUID.randomUUID()).then().statusCode(404);
    as(other.key()).get("/api/v1/tenant").then().statusCode(200);

    // filters: action, outcome, ip; only the caller's chain
    var page =
        as(a.key())
            .queryParam("action", "settings.view")
            .get("/api/v1/audit/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(page.getList("events.action")).hasSize(5).containsOnly("settings.view");
    assertThat(page.getList("events.targetType")).containsOnly("tenant");
    assertThat(
            as(a.key())
                .queryParam("outcome", "failure")
                .get("/api/v1/audit/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events.action"))
        .containsExactly("job.view");
    assertThat(
            as(a.key())
                .queryParam("ip", "198.51.100.3")
                .get("/api/v1/audit/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events.sourceIp"))
        .containsExactly("198.51.100.3");
    String myKeyActor =
        as(a.key())
            .queryParam("limit", "1")
            .get("/api/v1/audit/events")
            .then()
            .extract()
            .path("events[0].actorId");
    assertThat(
            as(a.key())
                .queryParam("user", myKeyActor)
                .queryParam("action", "settings.view")
                .get("/api/v1/audit/events")
                .then()
                .extract()
                .jsonPath()
                .getList("events"))
        .hasSize(5);

    // keyset paging: two pages of 3 without overlap, newest first
    var first =
        as(a.key())
            .queryParam("limit", "3")
            .get("/api/v1/audit/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Integer> seqs1 = first.getList("events.seq");
    long next = first.getLong("next");
    List<Integer> seqs2 =
        as(a.key())
            .queryParam("limit", "3")
            .queryParam("cursor", next)
            .get("/api/v1/audit/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("events.seq");
    assertThat(seqs1).hasSize(3).isSortedAccordingTo((x, y) -> y - x);
    assertThat(seqs2).hasSize(3).allMatch(s -> s < seqs1.get(2));

    // the other tenant sees none of a's events
    List<String> otherIds =
        as(other.key())
            .queryParam("limit", "1000")
            .get("/api/v1/audit/events")
            .then()
            .extract()
            .jsonPath()
            .getList("events.actorId");
    assertThat(otherIds).doesNotContain(myKeyActor);

    as(a.key()).queryParam("action", "no.such").get("/api/v1/audit/events").then().statusCode(400);
    as(a.key()).queryParam("from", "yesterday").get("/api/v1/audit/events").then().statusCode(400);

    // exports: CSV and JSON Lines, every event, and the export itself audited
    String csv =
        as(a.key())
            .queryParam("format", "csv")
            .queryParam("action", "settings.view")
            .get("/api/v1/audit/events/export")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asString();
    assertThat(csv.split("\r\n")).hasSize(6); // header + 5
    String jsonl =
        as(a.key())
            .queryParam("format", "jsonl")
            .get("/api/v1/audit/events/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(jsonl.lines().count()).isGreaterThan(8);
    as(a.key())
        .queryParam("format", "xml")
        .get("/api/v1/audit/events/export")
        .then()
        .statusCode(400);
    assertThat(eventsOf(a.tenantId()))
        .filteredOn(r -> r.action().equals("audit.export"))
        .extracting(Row::outcome)
        .containsExactly("success", "success", "failure");

    // verify: intact, then checkpointed, then a forged row is named
    var ok = as(a.key()).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    assertThat(ok.getBoolean("ok")).isTrue();
    assertThat(checkpoints.checkpointAll().signed()).isGreaterThanOrEqualTo(2);
    var signed =
        as(a.key()).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    assertThat(signed.getBoolean("ok")).isTrue();
    assertThat(signed.getInt("checkpointsChecked")).isGreaterThanOrEqualTo(1);

    long forgedSeq;
    try (var c = db.getConnection();
        var st = c.createStatement()) {
      // a row copied one place further: its predecessor link no longer holds
      st.executeUpdate(
          "insert into audit_event select tenant_id, seq + 1, format, occurred_at, actor_id,"
              + " actor_name, actor_role, source_ip, user_agent, action, target_type, target_id,"
              + " outcome, reason, request_id, prev_hash, hash from audit_event where tenant_id = '"
              + other.tenantId()
              + "' and seq = (select max(seq) from audit_event where tenant_id = '"
              + other.tenantId()
              + "')");
      var rs =
          st.executeQuery(
              "select max(seq) from audit_event where tenant_id = '" + other.tenantId() + "'");
      rs.next();
      forgedSeq = rs.getLong(1);
    }
    var broken =
        as(other.key()).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    assertThat(broken.getBoolean("ok")).isFalse();
    assertThat(broken.getString("breakKind")).isEqualTo("BROKEN_LINK");
    assertThat(broken.getLong("breakSeq")).isEqualTo(forgedSeq);
    // a's chain is untouched by other's tampering
    assertThat(as(a.key()).get("/api/v1/audit/verify").then().extract().jsonPath().getBoolean("ok"))
        .isTrue();
  }

  private List<Row> byRequestId(String requestId) throws SQLException {
    return rows("request_id = ?", requestId);
  }

  private List<Row> eventsOf(String tenant) throws SQLException {
    return rows("tenant_id = ?", tenant);
  }

  private List<Row> rows(String where, String value) throws SQLException {
    try (var c = db.getConnection();
        var ps =
            c.prepareStatement(
                "select tenant_id, actor_id, actor_role, source_ip, user_agent, action,"
                    + " target_type, target_id, outcome, reason from audit_event where "
                    + where
                    + " order by tenant_id, seq")) {
      ps.setString(1, value);
      try (var rs = ps.executeQuery()) {
        List<Row> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new Row(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10)));
        }
        return out;
      }
    }
  }
}
