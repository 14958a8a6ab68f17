package io.orgvault.web.sandbox;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.web.Orgs;
import io.orgvault.web.Runs;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class SandboxSlotsTest {
  @Inject SandboxSlots slots;
  @Inject SandboxJobs jobs;

  @Inject SandboxSettings settings;

  private static final TenantId SOMEONE = TenantId.of(UUID.randomUUID().toString());

  @Test
  void aSlotIsExclusiveToItsHolderAndFreedOnceOnClose() throws Exception {
    int before = slots.inUse();
    SandboxSlot slot = slots.acquire(SOMEONE, Duration.ofSeconds(5));
    assertThat(slot.number()).isBetween(0, slots.capacity() - 1);
    assertThat(slots.inUse()).isEqualTo(before + 1);
    assertThatThrownBy(() -> slots.acquire(SOMEONE, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already holds");
    slot.close();
    slot.close();
    assertThat(slots.inUse()).isEqualTo(before);
    // no job starts on a thread without a slot
    assertThatThrownBy(
            () ->
                jobs.prune(
                    SOMEONE,
                    "00D000000000001AAA",
                    new io.orgvault.sandbox.protocol.PruneSettings(1, 0, 0, false, true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("slot");
  }

  @Test
  void anotherInstanceHoldingEverySlotHoldsBackABackupUntilItsConnectionCloses() throws Exception {
    var t = createTenant("slots-" + UUID.randomUUID().toString().substring(0, 8));
    String orgId = Orgs.connect(t.key(), "Production");
    int key = SandboxSlots.namespaceKey(settings.slotNamespace());
    // another instance of the platform: its own session on the same database, every slot taken
    Connection other =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    try {
      for (int i = 0; i < slots.capacity(); i++) {
        try (PreparedStatement q = other.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
          q.setInt(1, key);
          q.setInt(2, i);
          try (ResultSet r = q.executeQuery()) {
            r.next();
            assertThat(r.getBoolean(1)).as("slot %d free before the test", i).isTrue();
          }
        }
      }
      assertThat(slots.inUse()).isEqualTo(slots.capacity());
      long waitStart = System.nanoTime();
      assertThatThrownBy(() -> slots.acquire(SOMEONE, Duration.ofSeconds(3)))
          .isInstanceOf(SandboxCapacityException.class)
          .hasMessageContaining("all " + slots.capacity() + " sandbox slots");
      assertThat(Duration.ofNanos(System.nanoTime() - waitStart))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(3));

      String runId =
          as(t.key())
              .post("/api/v1/orgs/" + orgId + "/backups")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      Thread.sleep(5000);
      as(t.key())
          .get("/api/v1/backup-runs/" + runId)
          .then()
          .statusCode(200)
          .body("state", org.hamcrest.Matchers.equalTo("QUEUED"));

      // the other instance dies: its session ends and its slots are free, no lease to expire
      other.close();
      JsonPath run = Runs.awaitBackup(t.key(), runId);
      assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
      assertThat(slots.inUse()).isZero();
    } finally {
      other.close();
    }
  }
}
