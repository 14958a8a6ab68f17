package io.orgvault.web.tenant.repository;

import io.orgvault.web.tenancy.OperatorScope;
import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.Tenant;
import io.orgvault.web.tenant.TenantStatus;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tenants. A tenant reads only its own row; listing, creating and changing tenants is the
 * operator's, and those methods demand the operator's scope.
 */
@ApplicationScoped
public class TenantRepository {
  @Inject TenantRows rows;

  public Optional<Tenant> own(TenantId tenant) {
    return rows.findByIdOptional(tenant.value());
  }

  public Optional<Tenant> find(OperatorScope operator, TenantId tenant) {
    Objects.requireNonNull(operator, "operator");
    return rows.findByIdOptional(tenant.value());
  }

  public Optional<Tenant> findBySlug(OperatorScope operator, String slug) {
    Objects.requireNonNull(operator, "operator");
    return rows.find("slug", slug).firstResultOptional();
  }

  /** Tenants not deleted, optionally of one status, by slug. */
  public List<Tenant> list(OperatorScope operator, Optional<TenantStatus> status) {
    Objects.requireNonNull(operator, "operator");
    return status
        .map(s -> rows.list("status", Sort.by("slug"), s))
        .orElseGet(() -> rows.list("status <> ?1", Sort.by("slug"), TenantStatus.DELETED));
  }

  public void add(OperatorScope operator, Tenant tenant) {
    Objects.requireNonNull(operator, "operator");
    rows.persist(tenant);
  }
}
