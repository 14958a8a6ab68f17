package io.orgvault.web.apikey.service;

import io.orgvault.web.apikey.ApiKey;
import io.orgvault.web.apikey.ApiKeyToken;
import io.orgvault.web.apikey.repository.ApiKeyRepository;
import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.TenantStatus;
import io.orgvault.web.tenant.repository.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issues, lists, revokes and checks tenant API keys. */
@ApplicationScoped
public class ApiKeyService {
  /** last_used_at is a hint for admins, not an audit trail: write it at most this often. */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  @Inject ApiKeyRepository keys;
  @Inject TenantRepository tenants;
  @Inject Clock clock;

  @Transactional
  public IssuedApiKey issue(TenantId tenant, String name) {
    ApiKeyToken token = ApiKeyToken.generate(ApiKeyToken.TENANT_KIND);
    ApiKey key = new ApiKey();
    key.id = UUID.randomUUID();
    key.tenantId = tenant.value();
    key.name = name;
    key.keyPrefix = token.prefix();
    key.secretHash = token.secretHash();
    key.createdAt = clock.instant();
    keys.add(tenant, key);
    return new IssuedApiKey(key, token.text());
  }

  @Transactional
  public List<ApiKey> list(TenantId tenant) {
    return keys.list(tenant);
  }

  /** Revokes one key; empty if the tenant has no such key. Revoking twice keeps the first time. */
  @Transactional
  public Optional<ApiKey> revoke(TenantId tenant, UUID id) {
    return keys.find(tenant, id)
        .map(
            k -> {
              if (k.revokedAt == null) {
                k.revokedAt = clock.instant();
              }
              return k;
            });
  }

  /**
   * The tenant a presented tenant key acts for: only a live key of an active tenant. The answer
   * does not say which check failed, so a caller cannot probe for keys or tenants.
   */
  @Transactional
  public Optional<AuthenticatedKey> authenticate(ApiKeyToken presented) {
    if (!ApiKeyToken.TENANT_KIND.equals(presented.kind())) {
      return Optional.empty();
    }
    return keys.findPresented(presented)
        .filter(
            k ->
                tenants
                    .own(new TenantId(k.tenantId))
                    .filter(t -> t.status == TenantStatus.ACTIVE)
                    .isPresent())
        .map(
            k -> {
              Instant now = clock.instant();
              if (k.lastUsedAt == null || k.lastUsedAt.plus(LAST_USED_RESOLUTION).isBefore(now)) {
                k.lastUsedAt = now;
              }
              return new AuthenticatedKey(k.id, new TenantId(k.tenantId));
            });
  }

  /** Who a valid tenant key is. */
  public record AuthenticatedKey(UUID keyId, TenantId tenant) {}
}
