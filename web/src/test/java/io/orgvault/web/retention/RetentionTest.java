package io.orgvault.web.retention;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.web.Orgs;
import io.orgvault.web.Runs;
import io.orgvault.web.SimulatorTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class RetentionTest {
  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aRetentionRunInTheSandboxKeepsWhatThePolicySays() throws Exception {
    var t = createTenant(slug("retain"));
    String path = "/api/v1/tenant/retention";
    as(t.key()).get(path).then().statusCode(200).body("set", equalTo(false));
    as(t.key())
        .post(path + "/runs")
        .then()
        .statusCode(409)
        .body("error", equalTo("no_retention_policy"));

    String orgId = Orgs.connect(t.key(), "Retained");
    for (int i = 0; i < 3; i++) {
      String run =
          as(t.key())
              .post("/api/v1/orgs/" + orgId + "/backups")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      assertThat(Runs.awaitBackup(t.key(), run).getString("state")).isEqualTo("SUCCEEDED");
    }

    JsonPath policy =
        as(t.key())
            .body(Map.of("keepLast", 1, "runAt", "04:00", "timeZone", "UTC"))
            .put(path)
            .then()
            .statusCode(200)
            .body("set", equalTo(true))
            .body("keepLast", equalTo(1))
            .extract()
            .jsonPath();
    assertThat(Instant.parse(policy.getString("nextRun")).atOffset(ZoneOffset.UTC).toLocalTime())
        .isEqualTo(LocalTime.of(4, 0));

    String runId = as(t.key()).post(path + "/runs").then().statusCode(202).extract().path("id");
    JsonPath run = awaitFinished(t.key(), runId);
    assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
    assertThat(run.getInt("dropped")).isEqualTo(2);
    assertThat(run.getInt("kept")).isEqualTo(1);
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(SimulatorTestResource.kekFile());
        RecordStore store =
            RecordStore.open(SimulatorTestResource.storeOf(t.tenantId()), t.tenantId(), kek)) {
      assertThat(store.backups()).containsExactly(3L);
      assertThat(store.verify().ok()).isTrue();
    }

    var other = createTenant(slug("snoop"));
    as(other.key()).get(path + "/runs/" + runId).then().statusCode(404);
    assertThat(as(other.key()).get(path + "/runs").then().extract().jsonPath().getList(""))
        .isEmpty();
  }

  @Test
  void refusesPoliciesThatKeepNothingOrMakeNoSense() {
    var t = createTenant(slug("badpol"));
    String path = "/api/v1/tenant/retention";
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("runAt", "04:00", "timeZone", "UTC"),
            Map.of("keepDaily", -1, "keepLast", 2, "runAt", "04:00", "timeZone", "UTC"),
            Map.of("keepMonthly", 5000, "runAt", "04:00", "timeZone", "UTC"))) {
      as(t.key())
          .body(bad)
          .put(path)
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_policy"));
    }
    as(t.key())
        .body(Map.of("keepDaily", 7, "runAt", "4:00", "timeZone", "UTC"))
        .put(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_run_at"));
    as(t.key())
        .body(Map.of("keepDaily", 7, "runAt", "04:00", "timeZone", "Nowhere/Land"))
        .put(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_time_zone"));
    as(t.key()).get(path).then().body("set", equalTo(false));
  }

  static JsonPath awaitFinished(String key, String runId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      JsonPath run =
          as(key)
              .get("/api/v1/tenant/retention/runs/" + runId)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (List.of("SUCCEEDED", "FAILED").contains(run.getString("state"))) {
        return run;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("retention run " + runId + " did not finish");
  }
}
