package io.orgvault.sandbox.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.store.RecordStore;
import io.orgvault.sandbox.Sandboxes;
import io.orgvault.sandbox.TenantFixture;
import io.orgvault.sandbox.egress.EgressRecord;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.simulator.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several tenants' backups at once: each sandbox reaches only its org and writes only its store.
 */
class ConcurrentTenantsTest {
  static final int TENANTS = 3;

  @Test
  void eachTenantGetsItsOwnOrgAndItsOwnResult() throws Exception {
    Path dir = Sandboxes.searchableTempDir("orgvault-concurrent");
    List<TenantFixture> tenants = new ArrayList<>();
    try (SandboxLauncher launcher = Sandboxes.launcher(dir)) {
      for (int i = 0; i < TENANTS; i++) {
        Simulator sim = Simulator.builder().seed(100 + i).contacts(50 + 40 * i).port(0).start();
        tenants.add(new TenantFixture("tenant-" + i, sim, dir));
      }
      Sandboxes.EGRESS.clear();
      ExecutorService pool = Executors.newFixedThreadPool(TENANTS);
      List<Future<SandboxLauncher.JobOutcome>> runs = new ArrayList<>();
      for (int i = 0; i < TENANTS; i++) {
        TenantFixture t = tenants.get(i);
        TenantSandbox box = new TenantSandbox(t.tenant, 61_060 + i, t.volume, Set.of());
        runs.add(pool.submit(() -> launcher.runJob(box, t.backupRequest("/unused"), m -> {})));
      }
      for (int i = 0; i < TENANTS; i++) {
        TenantFixture t = tenants.get(i);
        SandboxLauncher.JobOutcome o = runs.get(i).get();
        assertThat(o.sandbox().exitCode()).as(o.sandbox().stderr()).isEqualTo(ExitCodes.OK);
        assertThat(o.lastMessage().at("/result/committed").asBoolean()).isTrue();
        int port = t.sim.baseUrl().getPort();
        assertThat(Sandboxes.EGRESS)
            .filteredOn(r -> r.tenant().equals(t.tenant))
            .isNotEmpty()
            .allMatch(r -> r.port() == port && r.allowed());
        try (RecordStore store = t.openStore()) {
          String contact = "Contact";
          long rows =
              store.manifest(store.latestBackup().getAsLong()).objects().stream()
                  .filter(e -> e.name().equals(contact))
                  .findFirst()
                  .orElseThrow()
                  .changedRows();
          assertThat(rows).isEqualTo(t.sim.org().table(contact).size());
        }
      }
      assertThat(Sandboxes.EGRESS).allMatch(EgressRecord::allowed);
      pool.shutdown();
    } finally {
      tenants.forEach(TenantFixture::close);
    }
  }
}
