package io.orgvault.web.snapshot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One snapshot of every org store of a tenant to S3 (figures summed over the stores). */
@Entity
@Table(name = "snapshot_run")
public class SnapshotRun {
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

  public Integer stores;

  @Column(name = "files_uploaded")
  public Integer filesUploaded;

  @Column(name = "bytes_uploaded")
  public Long bytesUploaded;

  /** Files the bucket already held (from earlier snapshots): not uploaded again. */
  @Column(name = "files_stored")
  public Integer filesStored;

  @Column(name = "bytes_stored")
  public Long bytesStored;

  @Column(name = "snapshots_pruned")
  public Integer snapshotsPruned;

  /** {@code <org id>:<snapshot id>} per store, comma-separated. */
  @Column(name = "snapshot_ids", length = 4000)
  public String snapshotIds;

  @Column(name = "error_code", length = 100)
  public String errorCode;

  @Column(name = "error_message", length = 1000)
  public String errorMessage;
}
