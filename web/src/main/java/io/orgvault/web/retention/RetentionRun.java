package io.orgvault.web.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One application of a tenant's retention policy in its sandbox. */
@Entity
@Table(name = "retention_run")
public class RetentionRun {
  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  /** {@code SCHEDULED} or {@code ON_DEMAND}. */
  @Column(name = "trigger_kind", nullable = false, length = 16)
  public String triggerKind;

  /** {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}. */
  @Column(nullable = false, length = 16)
  public String state;

  @Column(name = "queued_at", nullable = false)
  public Instant queuedAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  public Integer kept;
  public Integer dropped;
  public Integer compactions;

  @Column(name = "error_code", length = 100)
  public String errorCode;

  @Column(name = "error_message", length = 1000)
  public String errorMessage;
}
