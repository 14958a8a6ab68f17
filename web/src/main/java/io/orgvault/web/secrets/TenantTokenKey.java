package io.orgvault.web.secrets;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant's token-sealing key, wrapped by the platform KEK named by {@code kekId}. */
@Entity
@Table(name = "tenant_token_key")
public class TenantTokenKey {
  @Id
  @Column(name = "tenant_id")
  public UUID tenantId;

  @Column(name = "kek_id", nullable = false, length = 100)
  public String kekId;

  @Column(name = "wrapped_key", nullable = false)
  public byte[] wrappedKey;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
