package io.orgvault.web.restore.service;

import io.orgvault.web.restore.RestoreJob;
import io.orgvault.web.restore.RestoreState;
import java.util.UUID;

/**
 * A restore's state as it changes (each reported step, each end), for listeners such as the
 * portal's progress view ([I]).
 */
public record RestoreProgress(
    UUID tenantId,
    UUID restoreJobId,
    RestoreState state,
    String phase,
    String object,
    int stepsDone,
    long succeeded,
    long failed) {
  static RestoreProgress of(RestoreJob r) {
    return new RestoreProgress(
        r.tenantId,
        r.id,
        r.state,
        r.phase,
        r.currentObject,
        r.stepsDone,
        r.stepSucceeded,
        r.stepFailed);
  }
}
