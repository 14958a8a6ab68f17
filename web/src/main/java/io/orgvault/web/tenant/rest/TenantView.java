package io.orgvault.web.tenant.rest;

import io.orgvault.web.tenant.Tenant;
import io.orgvault.web.tenant.TenantStatus;
import java.time.Instant;
import java.util.UUID;

/** A tenant as the API shows it. */
public record TenantView(
    UUID id,
    String slug,
    String displayName,
    TenantStatus status,
    Instant createdAt,
    Instant statusChangedAt) {
  static TenantView of(Tenant t) {
    return new TenantView(t.id, t.slug, t.displayName, t.status, t.createdAt, t.statusChangedAt);
  }
}
