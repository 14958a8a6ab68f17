package io.orgvault.web.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Which of a tenant's backups to keep, and when each day to apply it. */
@Entity
@Table(name = "retention_policy")
public class RetentionPolicy {
  @Id
  @Column(name = "tenant_id")
  public UUID tenantId;

  @Column(name = "keep_daily", nullable = false)
  public int keepDaily;

  @Column(name = "keep_monthly", nullable = false)
  public int keepMonthly;

  @Column(name = "keep_last", nullable = false)
  public int keepLast;

  @Column(nullable = false)
  public boolean compact;

  /** {@code HH:mm} in {@link #timeZone}. */
  @Column(name = "run_at", nullable = false, length = 5)
  public String runAt;

  @Column(name = "time_zone", nullable = false, length = 64)
  public String timeZone;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
