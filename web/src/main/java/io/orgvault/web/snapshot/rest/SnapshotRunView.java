package io.orgvault.web.snapshot.rest;

import io.orgvault.web.snapshot.SnapshotRun;
import java.time.Instant;
import java.util.UUID;

/** A snapshot run as the operator API shows it. */
public record SnapshotRunView(
    UUID id,
    String trigger,
    String state,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Integer stores,
    Integer filesUploaded,
    Long bytesUploaded,
    Integer filesAlreadyStored,
    Long bytesAlreadyStored,
    Integer snapshotsPruned,
    String snapshots,
    String errorCode,
    String errorMessage) {
  public static SnapshotRunView of(SnapshotRun r) {
    return new SnapshotRunView(
        r.id,
        r.triggerKind,
        r.state,
        r.queuedAt,
        r.startedAt,
        r.finishedAt,
        r.stores,
        r.filesUploaded,
        r.bytesUploaded,
        r.filesStored,
        r.bytesStored,
        r.snapshotsPruned,
        r.snapshotIds,
        r.errorCode,
        r.errorMessage);
  }
}
