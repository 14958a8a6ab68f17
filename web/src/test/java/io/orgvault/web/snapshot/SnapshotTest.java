package io.orgvault.web.snapshot;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.asOperator;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.snapshot.SnapshotTarget;
import io.orgvault.engine.snapshot.VolumeSnapshots;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.web.Orgs;
import io.orgvault.web.Runs;
import io.orgvault.web.S3TestResource;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.snapshot.schedule.SnapshotSchedule;
import io.orgvault.web.snapshot.service.SnapshotService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
@QuarkusTestResource(S3TestResource.class)
class SnapshotTest {
  @Inject SnapshotService snapshots;
  @Inject SnapshotSchedule schedule;

  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void backUp(String key, String orgId) throws InterruptedException {
    JsonPath run = Runs.backUp(key, orgId);
    assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
  }

  private static JsonPath awaitRun(String path) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      JsonPath r = asOperator().get(path).then().statusCode(200).extract().jsonPath();
      if (List.of("SUCCEEDED", "FAILED").contains(r.getString("state"))) {
        return r;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(path + " did not finish");
  }

  @Test
  void anOperatorsSnapshotCopiesTheOrgStoreToS3AndRebuildsItOnAnEmptyVolume() throws Exception {
    var t = createTenant(slug("snap"));
    String orgId = Orgs.connect(t.key(), "Production");
    backUp(t.key(), orgId);
    String path = "/api/v1/operator/tenants/" + t.tenantId() + "/snapshots";

    String first = asOperator().post(path).then().statusCode(202).extract().path("id");
    JsonPath one = awaitRun(path + "/" + first);
    assertThat(one.getString("state")).as(one.prettify()).isEqualTo("SUCCEEDED");
    assertThat(one.getInt("stores")).isEqualTo(1);
    assertThat(one.getInt("filesUploaded")).isPositive();
    assertThat(one.getInt("filesAlreadyStored")).isZero();
    assertThat(one.getString("trigger")).isEqualTo("ON_DEMAND");

    // nothing changed: the next snapshot uploads nothing and lists the same files
    String second = asOperator().post(path).then().statusCode(202).extract().path("id");
    JsonPath two = awaitRun(path + "/" + second);
    assertThat(two.getString("state")).as(two.prettify()).isEqualTo("SUCCEEDED");
    assertThat(two.getInt("filesUploaded")).isZero();
    assertThat(two.getInt("filesAlreadyStored")).isEqualTo(one.getInt("filesUploaded"));
    assertThat(asOperator().get(path).then().extract().jsonPath().getList("id"))
        .containsExactly(second, first);

    // the tenant's volume is lost: its org store comes back from the bucket and verifies
    String sfOrg = SimulatorTestResource.simulator().org().orgId();
    Path rebuilt = Files.createTempDirectory("orgvault-dr").resolve("store");
    try (S3Client s3 = S3TestResource.client();
        FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(SimulatorTestResource.kekFile())) {
      VolumeSnapshots dr =
          new VolumeSnapshots(
              s3,
              SnapshotTarget.of(S3TestResource.BUCKET, "orgvault/" + t.tenantId() + "/" + sfOrg),
              Clock.systemUTC());
      assertThat(dr.list()).hasSize(2);
      dr.restore(dr.latest().orElseThrow().id(), rebuilt);
      try (RecordStore store = RecordStore.open(rebuilt, t.tenantId(), kek)) {
        assertThat(store.latestBackup()).hasValue(1);
        assertThat(store.verify().ok()).isTrue();
      }
    }
    Path live = SimulatorTestResource.storeOf(t.tenantId());
    assertThat(Files.readAllBytes(rebuilt.resolve("manifests/0000000001.manifest")))
        .isEqualTo(Files.readAllBytes(live.resolve("manifests/0000000001.manifest")));

    // operators only; unknown tenants and runs are 404
    as(t.key()).post(path).then().statusCode(403);
    asOperator()
        .post("/api/v1/operator/tenants/" + UUID.randomUUID() + "/snapshots")
        .then()
        .statusCode(404);
    asOperator().get(path + "/" + UUID.randomUUID()).then().statusCode(404);
  }

  @Test
  void theTwiceDailyTriggerQueuesASnapshotForEveryActiveTenantWithStores() throws Exception {
    var active = createTenant(slug("snap-active"));
    backUp(active.key(), Orgs.connect(active.key(), "Production"));
    var suspended = createTenant(slug("snap-suspended"));
    backUp(suspended.key(), Orgs.connect(suspended.key(), "Production"));
    asOperator()
        .post("/api/v1/operator/tenants/" + suspended.tenantId() + "/suspend")
        .then()
        .statusCode(200);

    assertThat(schedule.next())
        .hasValueSatisfying(at -> assertThat(at.atOffset(ZoneOffset.UTC).getHour()).isIn(2, 14));
    assertThat(snapshots.queueScheduled()).isPositive();

    String path = "/api/v1/operator/tenants/" + active.tenantId() + "/snapshots";
    List<String> ids = asOperator().get(path).then().extract().jsonPath().getList("id");
    assertThat(ids).hasSize(1);
    JsonPath run = awaitRun(path + "/" + ids.get(0));
    assertThat(run.getString("trigger")).isEqualTo("SCHEDULED");
    assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
    asOperator()
        .get("/api/v1/operator/tenants/" + suspended.tenantId() + "/snapshots")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
  }
}
