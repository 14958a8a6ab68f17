package io.orgvault.web.sandbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The host uid of a tenant's sandboxes, as an offset into the configured uid range. */
@Entity
@Table(name = "tenant_uid")
public class TenantUid {
  @Id
  @Column(name = "tenant_id")
  public UUID tenantId;

  @Column(name = "uid_offset", nullable = false)
  public int uidOffset;

  @Column(name = "assigned_at", nullable = false)
  public Instant assignedAt;
}
