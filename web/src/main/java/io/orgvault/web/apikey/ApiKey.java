package io.orgvault.web.apikey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant's API key: only its public prefix and the hash of its secret are kept. */
@Entity
@Table(name = "api_key")
public class ApiKey {
  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(nullable = false, length = 100)
  public String name;

  @Column(name = "key_prefix", nullable = false, unique = true, length = 16)
  public String keyPrefix;

  @Column(name = "secret_hash", nullable = false)
  public byte[] secretHash;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  public boolean revoked() {
    return revokedAt != null;
  }
}
