package io.orgvault.web.apikey.rest;

import io.orgvault.web.apikey.ApiKey;
import java.time.Instant;
import java.util.UUID;

/** A key as listed: its public prefix only. */
public record ApiKeyView(
    UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
  static ApiKeyView of(ApiKey k) {
    return new ApiKeyView(k.id, k.name, k.keyPrefix, k.createdAt, k.lastUsedAt, k.revokedAt);
  }
}
