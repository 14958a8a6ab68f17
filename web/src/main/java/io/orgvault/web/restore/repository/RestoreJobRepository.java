package io.orgvault.web.restore.repository;

import io.orgvault.web.restore.RestoreJob;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's restores. Every method is scoped to one tenant. */
@ApplicationScoped
public class RestoreJobRepository {
  @Inject RestoreJobRows rows;

  public void add(TenantId tenant, RestoreJob r) {
    if (!tenant.value().equals(r.tenantId)) {
      throw new IllegalArgumentException("restore of another tenant");
    }
    rows.persist(r);
  }

  public Optional<RestoreJob> find(TenantId tenant, UUID id) {
    return rows.find("tenantId = ?1 and id = ?2", tenant.value(), id).firstResultOptional();
  }

  /** One restore of the tenant whose records come from {@code sourceOrgId}. */
  public Optional<RestoreJob> find(TenantId tenant, UUID sourceOrgId, UUID id) {
    return rows.find(
            "tenantId = ?1 and sourceOrgId = ?2 and id = ?3", tenant.value(), sourceOrgId, id)
        .firstResultOptional();
  }

  /** The restores from one org's store, newest first. */
  public List<RestoreJob> listForSource(TenantId tenant, UUID sourceOrgId, int limit) {
    return rows.find(
            "tenantId = ?1 and sourceOrgId = ?2",
            Sort.descending("requestedAt"),
            tenant.value(),
            sourceOrgId)
        .page(Page.ofSize(limit))
        .list();
  }
}
