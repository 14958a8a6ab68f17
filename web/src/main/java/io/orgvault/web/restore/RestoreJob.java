package io.orgvault.web.restore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One restore: a selection from the source org's store, its sealed plan's figures, and what its
 * runs did. The records themselves stay in the tenant's volume.
 */
@Entity
@Table(name = "restore_job")
public class RestoreJob {
  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  /** The org whose store the records come from. */
  @Column(name = "source_org_id", nullable = false)
  public UUID sourceOrgId;

  /** The org written to: the source org, or another org of the tenant. */
  @Column(name = "target_org_id", nullable = false)
  public UUID targetOrgId;

  /** {@code job.restore.selection} as the sandbox receives it (JSON). */
  @Column(nullable = false)
  public String selection;

  /** {@code job.restore.options} with every default (JSON). */
  @Column(nullable = false)
  public String options;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public RestoreState state;

  /** The service instance running its current job (Quartz instance id). */
  @Column(length = 200)
  public String node;

  /** The engine's id of the sealed plan ({@code r-} and 16 hex digits). */
  @Column(name = "restore_id", length = 18)
  public String restoreId;

  @Column(name = "backup_number")
  public Long backupNumber;

  /** The plan's description of the selection. */
  @Column(name = "selection_text", length = 1000)
  public String selectionText;

  public Long records;

  @Column(name = "estimated_api_calls")
  public Long estimatedApiCalls;

  /** Per object: undelete, create, update, skip (JSON array). */
  public String totals;

  @Column(nullable = false)
  public int runs;

  @Column(name = "steps_done", nullable = false)
  public int stepsDone;

  @Column(length = 16)
  public String phase;

  @Column(name = "current_object", length = 80)
  public String currentObject;

  /** Records written and failed by the steps reported so far (all runs). */
  @Column(name = "step_succeeded", nullable = false)
  public long stepSucceeded;

  @Column(name = "step_failed", nullable = false)
  public long stepFailed;

  /** Records per outcome after the last run (JSON object: success, partial, failed, …). */
  public String outcomes;

  @Column(name = "api_calls", nullable = false)
  public long apiCalls;

  @Column(name = "stop_reason", length = 1000)
  public String stopReason;

  /** The newest results CSV, a plain name in the store's {@code exports/}. */
  @Column(name = "results_file", length = 128)
  public String resultsFile;

  @Column(name = "results_rows")
  public Long resultsRows;

  @Column(name = "error_code", length = 100)
  public String errorCode;

  @Column(name = "error_message", length = 1000)
  public String errorMessage;

  @Column(name = "requested_by", nullable = false, length = 200)
  public String requestedBy;

  @Column(name = "requested_at", nullable = false)
  public Instant requestedAt;

  @Column(name = "planned_at")
  public Instant plannedAt;

  @Column(name = "confirmed_by", length = 200)
  public String confirmedBy;

  @Column(name = "confirmed_at")
  public Instant confirmedAt;

  /** When the current (or last) job started in a sandbox; null while it is queued. */
  @Column(name = "step_started_at")
  public Instant stepStartedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;
}
