package io.orgvault.web.salesforce.repository;

import io.orgvault.web.salesforce.TenantJwtKey;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The JWT signing key pair of each tenant (at most one). */
@ApplicationScoped
public class TenantJwtKeyRepository {
  @Inject TenantJwtKeyRows rows;

  public Optional<TenantJwtKey> find(TenantId tenant) {
    return rows.findByIdOptional(tenant.value());
  }

  public void add(TenantId tenant, TenantJwtKey key) {
    if (!tenant.value().equals(key.tenantId)) {
      throw new IllegalArgumentException("key of another tenant");
    }
    rows.persist(key);
    rows.flush();
  }

  /** Erases the tenant's key pair; true if there was one. */
  public boolean delete(TenantId tenant) {
    return rows.deleteById(tenant.value());
  }
}
