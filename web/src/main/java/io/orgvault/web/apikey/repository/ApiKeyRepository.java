package io.orgvault.web.apikey.repository;

import io.orgvault.web.apikey.ApiKey;
import io.orgvault.web.apikey.ApiKeyToken;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's API keys. Every method is scoped to one tenant. */
@ApplicationScoped
public class ApiKeyRepository {
  @Inject ApiKeyRows rows;

  public List<ApiKey> list(TenantId tenant) {
    return rows.list("tenantId", Sort.by("createdAt"), tenant.value());
  }

  public Optional<ApiKey> find(TenantId tenant, UUID id) {
    return rows.find("tenantId = ?1 and id = ?2", tenant.value(), id).firstResultOptional();
  }

  public void add(TenantId tenant, ApiKey key) {
    if (!tenant.value().equals(key.tenantId)) {
      throw new IllegalArgumentException("key of another tenant");
    }
    rows.persist(key);
  }

  /**
   * The live key a presented token names, if its secret matches. Not scoped to a tenant because the
   * caller's tenant is what this finds out; the scope is possession of the secret itself.
   */
  public Optional<ApiKey> findPresented(ApiKeyToken presented) {
    return rows.find("keyPrefix", presented.prefix())
        .firstResultOptional()
        .filter(k -> !k.revoked() && presented.matches(k.secretHash));
  }

  /** Revokes every key of the tenant (suspension and deletion); returns how many. */
  public int revokeAll(TenantId tenant, Instant at) {
    return rows.update(
        "revokedAt = ?1 where tenantId = ?2 and revokedAt is null", at, tenant.value());
  }
}
