package io.orgvault.web.snapshot.repository;

import io.orgvault.web.snapshot.SnapshotRun;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's snapshot runs. Every method is scoped to one tenant. */
@ApplicationScoped
public class SnapshotRunRepository {
  @Inject SnapshotRunRows rows;

  public void add(TenantId tenant, SnapshotRun r) {
    if (!tenant.value().equals(r.tenantId)) {
      throw new IllegalArgumentException("run of another tenant");
    }
    rows.persist(r);
  }

  public Optional<SnapshotRun> find(TenantId tenant, UUID id) {
    return rows.find("tenantId = ?1 and id = ?2", tenant.value(), id).firstResultOptional();
  }

  public List<SnapshotRun> list(TenantId tenant, int limit) {
    return rows.find("tenantId", Sort.descending("queuedAt"), tenant.value())
        .page(Page.ofSize(limit))
        .list();
  }
}
