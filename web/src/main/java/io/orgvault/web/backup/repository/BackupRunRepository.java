package io.orgvault.web.backup.repository;

import io.orgvault.web.backup.BackupRun;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's backup runs. Every method is scoped to one tenant. */
@ApplicationScoped
public class BackupRunRepository {
  @Inject BackupRunRows rows;

  public void add(TenantId tenant, BackupRun run) {
    if (!tenant.value().equals(run.tenantId)) {
      throw new IllegalArgumentException("run of another tenant");
    }
    rows.persist(run);
  }

  public Optional<BackupRun> find(TenantId tenant, UUID id) {
    return rows.find("tenantId = ?1 and id = ?2", tenant.value(), id).firstResultOptional();
  }

  /** The org's run that is queued or running, if any. */
  public Optional<BackupRun> findActive(TenantId tenant, UUID orgId) {
    return rows.find(
            "tenantId = ?1 and orgId = ?2 and state in (?3, ?4)",
            tenant.value(),
            orgId,
            io.orgvault.web.backup.RunState.QUEUED,
            io.orgvault.web.backup.RunState.RUNNING)
        .firstResultOptional();
  }

  /** An org's runs, newest first. */
  public List<BackupRun> listForOrg(TenantId tenant, UUID orgId, int limit) {
    return rows.find(
            "tenantId = ?1 and orgId = ?2", Sort.descending("queuedAt"), tenant.value(), orgId)
        .page(Page.ofSize(limit))
        .list();
  }
}
