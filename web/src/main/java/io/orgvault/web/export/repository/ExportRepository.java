package io.orgvault.web.export.repository;

import io.orgvault.web.export.DataExport;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's export jobs. Every method is scoped to one tenant. */
@ApplicationScoped
public class ExportRepository {
  @Inject DataExportRows rows;

  public void add(TenantId tenant, DataExport e) {
    if (!tenant.value().equals(e.tenantId)) {
      throw new IllegalArgumentException("export of another tenant");
    }
    rows.persist(e);
  }

  public Optional<DataExport> find(TenantId tenant, UUID id) {
    return rows.find("tenantId = ?1 and id = ?2", tenant.value(), id).firstResultOptional();
  }

  /** The org's exports, newest first. */
  public List<DataExport> list(TenantId tenant, UUID orgId, int limit) {
    return rows.find(
            "tenantId = ?1 and orgId = ?2",
            Sort.descending("createdAt").and("id"),
            tenant.value(),
            orgId)
        .page(Page.ofSize(limit))
        .list();
  }

  /** Exports whose time is up at {@code now} (their files go, then the rows). */
  public List<DataExport> expired(TenantId tenant, Instant now) {
    return rows.list("tenantId = ?1 and expiresAt <= ?2", tenant.value(), now);
  }

  /** Exports still QUEUED or RUNNING that were created before {@code before}: their job is lost. */
  public List<DataExport> stale(TenantId tenant, Instant before) {
    return rows.list(
        "tenantId = ?1 and state in ('QUEUED', 'RUNNING') and createdAt < ?2",
        tenant.value(),
        before);
  }

  public void delete(TenantId tenant, DataExport e) {
    if (!tenant.value().equals(e.tenantId)) {
      throw new IllegalArgumentException("export of another tenant");
    }
    rows.delete(e);
  }
}
