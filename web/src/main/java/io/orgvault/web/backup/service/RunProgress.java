package io.orgvault.web.backup.service;

import io.orgvault.web.backup.BackupRun;
import io.orgvault.web.backup.RunState;
import java.util.UUID;

/** A run's state as it changes, for listeners such as the portal's progress bar ([I]). */
public record RunProgress(
    UUID tenantId, UUID runId, UUID orgId, RunState state, int objectsDone, long rowsWritten) {
  static RunProgress of(BackupRun r) {
    return new RunProgress(r.tenantId, r.id, r.orgId, r.state, r.objectsDone, r.rowsWritten);
  }
}
