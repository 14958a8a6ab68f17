package io.orgvault.engine.snapshot;

import java.util.List;

/** What a snapshot prune kept and removed; {@code retained}: deletions S3 refused (object lock). */
public record SnapshotPruneResult(
    List<String> kept,
    List<String> dropped,
    int objectsDeleted,
    int retained,
    int uploadsAborted) {}
