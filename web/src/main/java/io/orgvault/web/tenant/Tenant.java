package io.orgvault.web.tenant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A customer account. Its id is the tenant id every other table carries. */
@Entity
@Table(name = "tenant")
public class Tenant {
  @Id public UUID id;

  @Column(nullable = false, unique = true, length = 63)
  public String slug;

  @Column(name = "display_name", nullable = false, length = 200)
  public String displayName;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public TenantStatus status;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "status_changed_at", nullable = false)
  public Instant statusChangedAt;
}
