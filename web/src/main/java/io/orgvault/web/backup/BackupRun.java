package io.orgvault.web.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One backup attempt of one org, with the figures its sandbox reported. */
@Entity
@Table(name = "backup_run")
public class BackupRun {
  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(name = "org_id", nullable = false)
  public UUID orgId;

  @Enumerated(EnumType.STRING)
  @Column(name = "trigger_kind", nullable = false, length = 16)
  public TriggerKind triggerKind;

  @Column(nullable = false)
  public int attempt;

  @Column(name = "retry_of")
  public UUID retryOf;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public RunState state;

  /** The service instance running it (Quartz instance id). */
  @Column(length = 200)
  public String node;

  @Column(name = "queued_at", nullable = false)
  public Instant queuedAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "backup_number")
  public Long backupNumber;

  @Column(name = "objects_done", nullable = false)
  public int objectsDone;

  @Column(name = "rows_written", nullable = false)
  public long rowsWritten;

  @Column(nullable = false)
  public long tombstones;

  @Column(name = "api_calls", nullable = false)
  public long apiCalls;

  @Column(name = "error_code", length = 100)
  public String errorCode;

  @Column(name = "error_message", length = 1000)
  public String errorMessage;
}
