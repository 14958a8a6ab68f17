package io.orgvault.web.backup.rest;

import io.orgvault.web.backup.BackupRun;
import io.orgvault.web.backup.RunState;
import io.orgvault.web.backup.TriggerKind;
import java.time.Instant;
import java.util.UUID;

/** A backup run as the API shows it. */
public record RunView(
    UUID id,
    UUID orgId,
    TriggerKind trigger,
    int attempt,
    UUID retryOf,
    RunState state,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Long backupNumber,
    int objectsDone,
    long rowsWritten,
    long tombstones,
    long apiCalls,
    String errorCode,
    String errorMessage) {
  static RunView of(BackupRun r) {
    return new RunView(
        r.id,
        r.orgId,
        r.triggerKind,
        r.attempt,
        r.retryOf,
        r.state,
        r.queuedAt,
        r.startedAt,
        r.finishedAt,
        r.backupNumber,
        r.objectsDone,
        r.rowsWritten,
        r.tombstones,
        r.apiCalls,
        r.errorCode,
        r.errorMessage);
  }
}
