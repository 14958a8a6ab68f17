package io.orgvault.engine.snapshot;

/**
 * What one snapshot did: its manifest, how many files (and bytes) it uploaded now, and how many
 * were already in the bucket from an earlier snapshot or an interrupted one.
 */
public record SnapshotResult(
    SnapshotManifest manifest,
    int filesUploaded,
    long bytesUploaded,
    int filesAlreadyStored,
    long bytesAlreadyStored,
    int partsResumed) {}
