package io.orgvault.web.sandbox.repository;

import io.orgvault.web.sandbox.TenantUid;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;

/** The one sandbox uid of each tenant. */
@ApplicationScoped
public class TenantUidRepository {
  @Inject TenantUidRows rows;

  public Optional<TenantUid> find(TenantId tenant) {
    return rows.findByIdOptional(tenant.value());
  }

  /**
   * Gives the tenant the next offset of the sequence (in the caller's transaction); a concurrent
   * assignment for the same tenant makes the commit fail on the primary key.
   */
  public TenantUid assignNext(TenantId tenant, Instant now) {
    long next =
        ((Number)
                rows.getEntityManager()
                    .createNativeQuery("select nextval('tenant_uid_offset')")
                    .getSingleResult())
            .longValue();
    TenantUid row = new TenantUid();
    row.tenantId = tenant.value();
    row.uidOffset = Math.toIntExact(next);
    row.assignedAt = now;
    rows.persist(row);
    rows.flush();
    return row;
  }
}
