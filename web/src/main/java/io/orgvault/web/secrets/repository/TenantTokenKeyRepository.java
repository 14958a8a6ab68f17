package io.orgvault.web.secrets.repository;

import io.orgvault.web.secrets.TenantTokenKey;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** The one token key of each tenant. */
@ApplicationScoped
public class TenantTokenKeyRepository {
  @Inject TenantTokenKeyRows rows;

  public Optional<TenantTokenKey> find(TenantId tenant) {
    return rows.findByIdOptional(tenant.value());
  }

  public void add(TenantId tenant, TenantTokenKey key) {
    if (!tenant.value().equals(key.tenantId)) {
      throw new IllegalArgumentException("key of another tenant");
    }
    rows.persist(key);
    rows.flush();
  }
}
