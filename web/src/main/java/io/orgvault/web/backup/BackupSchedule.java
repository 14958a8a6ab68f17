package io.orgvault.web.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** When an org is backed up each day: a start time in the tenant's chosen time zone. */
@Entity
@Table(name = "backup_schedule")
public class BackupSchedule {
  @Id
  @Column(name = "org_id")
  public UUID orgId;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(nullable = false)
  public boolean enabled;

  /** {@code HH:mm}. */
  @Column(name = "window_start", nullable = false, length = 5)
  public String windowStart;

  @Column(name = "time_zone", nullable = false, length = 64)
  public String timeZone;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
