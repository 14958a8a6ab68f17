package io.orgvault.engine.backup;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * The summary of a backup run.
 *
 * @param backupNumber the committed backup, empty when the run stopped without committing
 * @param stopReason why the run stopped without committing, or null
 * @param highWaterMark the server time read before extraction: where the next run starts
 * @param pending the run stopped and its progress is kept as a pending backup that the next run
 *     continues
 */
public record BackupResult(
    OptionalLong backupNumber,
    List<ObjectOutcome> objects,
    List<SkippedObject> skipped,
    long apiCallsUsed,
    Instant highWaterMark,
    String stopReason,
    boolean pending) {
  public BackupResult {
    objects = List.copyOf(objects);
    skipped = List.copyOf(skipped);
  }

  public boolean committed() {
    return backupNumber.isPresent();
  }

  public long rowsWritten() {
    return objects.stream().mapToLong(ObjectOutcome::rowsWritten).sum();
  }

  public long tombstones() {
    return objects.stream().mapToLong(ObjectOutcome::tombstones).sum();
  }
}
