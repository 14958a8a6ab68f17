package io.orgvault.web.backup;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.orgvault.web.Orgs;
import io.orgvault.web.Runs;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.backup.schedule.BackupScheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class ScheduleTest {
  @Inject Scheduler quartz;

  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aDailyWindowFiresAtTheTenantsLocalTimeAndRunsABackup() throws Exception {
    var t = createTenant(slug("daily"));
    String orgId = Orgs.connect(t.key(), "Daily");
    String path = "/api/v1/orgs/" + orgId + "/schedule";
    as(t.key()).get(path).then().statusCode(200).body("enabled", equalTo(false));

    JsonPath set =
        as(t.key())
            .body(Map.of("windowStart", "02:30", "timeZone", "Europe/Berlin"))
            .put(path)
            .then()
            .statusCode(200)
            .body("enabled", equalTo(true))
            .extract()
            .jsonPath();
    Instant next = Instant.parse(set.getString("nextRun"));
    assertThat(next.atZone(ZoneId.of("Europe/Berlin")).toLocalTime())
        .isEqualTo(LocalTime.of(2, 30));
    assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(25)));
    as(t.key()).get(path).then().body("nextRun", equalTo(set.getString("nextRun")));

    // the daily trigger's own job data, fired now instead of waiting for 02:30 Berlin
    JobDataMap data = new JobDataMap();
    data.put(BackupScheduler.TENANT, t.tenantId());
    data.put(BackupScheduler.ORG, orgId);
    quartz.triggerJob(JobKey.jobKey(t.tenantId(), BackupScheduler.JOB_GROUP), data);
    String runId = awaitRun(t.key(), orgId);
    JsonPath run = Runs.awaitBackup(t.key(), runId);
    assertThat(run.getString("trigger")).isEqualTo("SCHEDULED");
    assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");

    as(t.key())
        .body(Map.of("enabled", false, "windowStart", "02:30", "timeZone", "Europe/Berlin"))
        .put(path)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("nextRun", nullValue());
  }

  @Test
  void refusesBadWindowsAndOtherTenantsOrgs() throws Exception {
    var t = createTenant(slug("badwin"));
    String orgId = Orgs.connect(t.key(), "Bad");
    String path = "/api/v1/orgs/" + orgId + "/schedule";
    for (String bad : List.of("24:00", "2:30", "02:60", "noon")) {
      as(t.key())
          .body(Map.of("windowStart", bad, "timeZone", "UTC"))
          .put(path)
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_window_start"));
    }
    as(t.key())
        .body(Map.of("windowStart", "01:00", "timeZone", "Mars/Olympus_Mons"))
        .put(path)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_time_zone"));
    var other = createTenant(slug("nosy"));
    as(other.key()).get(path).then().statusCode(404);
    as(other.key())
        .body(Map.of("windowStart", "01:00", "timeZone", "UTC"))
        .put(path)
        .then()
        .statusCode(404);
  }

  @Test
  void suspensionPausesATenantsBackupsReactivationResumesThemDeletionRemovesThem()
      throws Exception {
    var t = createTenant(slug("pause"));
    String orgId = Orgs.connect(t.key(), "Paused");
    as(t.key())
        .body(Map.of("windowStart", "03:00", "timeZone", "UTC"))
        .put("/api/v1/orgs/" + orgId + "/schedule")
        .then()
        .statusCode(200);
    TriggerKey daily = TriggerKey.triggerKey(orgId, "daily-backups");
    JobKey job = JobKey.jobKey(t.tenantId(), BackupScheduler.JOB_GROUP);
    assertThat(quartz.getTriggerState(daily)).isEqualTo(Trigger.TriggerState.NORMAL);

    String tenantPath = "/api/v1/operator/tenants/" + t.tenantId();
    io.orgvault.web.ApiClient.asOperator().post(tenantPath + "/suspend").then().statusCode(200);
    assertThat(quartz.getTriggerState(daily)).isEqualTo(Trigger.TriggerState.PAUSED);
    io.orgvault.web.ApiClient.asOperator().post(tenantPath + "/reactivate").then().statusCode(200);
    assertThat(quartz.getTriggerState(daily)).isEqualTo(Trigger.TriggerState.NORMAL);
    io.orgvault.web.ApiClient.asOperator().delete(tenantPath).then().statusCode(200);
    assertThat(quartz.checkExists(job)).isFalse();
    assertThat(quartz.checkExists(daily)).isFalse();
  }

  private static String awaitRun(String key, String orgId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      List<String> ids =
          as(key).get("/api/v1/orgs/" + orgId + "/backups").then().extract().path("id");
      if (!ids.isEmpty()) {
        return ids.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the daily trigger queued no run");
  }
}
