package io.orgvault.web.sandbox;

import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class TenantUidTest {
  @Inject SandboxJobs jobs;
  @Inject SandboxSettings settings;

  private static TenantId newTenant() {
    return TenantId.of(
        createTenant("uid-" + UUID.randomUUID().toString().substring(0, 8)).tenantId());
  }

  @Test
  void eachTenantKeepsOneUidOfTheRangeAndNoTwoTenantsShareOne() throws Exception {
    TenantId a = newTenant();
    TenantId b = newTenant();
    int uidA = jobs.uidOf(a);
    int uidB = jobs.uidOf(b);
    assertThat(uidA).isNotEqualTo(uidB);
    assertThat(jobs.uidOf(a)).isEqualTo(uidA);
    assertThat(uidA).isBetween(settings.uidFirst(), settings.uidFirst() + settings.uidCount() - 1);

    // many first uses at once (as on several instances): one uid each, all different
    TenantId[] tenants = new TenantId[6];
    for (int i = 0; i < tenants.length; i++) {
      tenants[i] = newTenant();
    }
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      Set<String> pairs = new HashSet<>();
      Set<Integer> uids = new HashSet<>();
      java.util.List<Future<int[]>> answers = new java.util.ArrayList<>();
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < tenants.length; i++) {
          int n = i;
          Callable<int[]> ask = () -> new int[] {n, jobs.uidOf(tenants[n])};
          answers.add(pool.submit(ask));
        }
      }
      for (Future<int[]> f : answers) {
        int[] r = f.get();
        pairs.add(r[0] + ":" + r[1]);
        uids.add(r[1]);
      }
      assertThat(pairs).hasSize(tenants.length);
      assertThat(uids).hasSize(tenants.length).doesNotContain(uidA, uidB);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aUidAssignedByAnotherInstanceIsTheOneUsedHere() throws Exception {
    TenantId t = newTenant();
    int offset;
    try (Connection other =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + settings.slotNamespace(),
                "postgres",
                "");
        PreparedStatement next = other.prepareStatement("select nextval('tenant_uid_offset')");
        ResultSet r = next.executeQuery()) {
      r.next();
      offset = r.getInt(1);
      try (PreparedStatement ins =
          other.prepareStatement(
              "insert into tenant_uid (tenant_id, uid_offset, assigned_at) values (?, ?, now())")) {
        ins.setObject(1, t.value());
        ins.setInt(2, offset);
        ins.executeUpdate();
      }
    }
    assertThat(jobs.uidOf(t)).isEqualTo(settings.uidFirst() + offset);
  }
}
