package io.orgvault.web.export;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One export of an org's backups to a file in its store's {@code exports/} directory. */
@Entity
@Table(name = "data_export")
public class DataExport {
  @Id public UUID id;

  @Column(name = "tenant_id", nullable = false)
  public UUID tenantId;

  @Column(name = "org_id", nullable = false)
  public UUID orgId;

  /** {@code OBJECT}, {@code COMPARE} or {@code BACKUP}. */
  @Column(nullable = false, length = 16)
  public String source;

  /** What was asked, as JSON: backup, object, from, to, objects, kinds, fields. */
  @Column(nullable = false, length = 8000)
  public String request;

  /** {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}. */
  @Column(nullable = false, length = 16)
  public String state;

  @Column(name = "file_name", nullable = false, length = 128)
  public String fileName;

  @Column(name = "rows_written")
  public Long rows;

  public Long bytes;

  @Column(length = 64)
  public String sha256;

  @Column(name = "error_code", length = 100)
  public String errorCode;

  @Column(name = "error_message", length = 1000)
  public String errorMessage;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;
}
