package io.orgvault.engine.store;

/**
 * What garbage collection removed (or, in a dry run, would remove).
 *
 * @param manifests manifest files of dropped backups
 * @param bytes the size of all files removed
 */
public record GcReport(long tempFiles, long manifests, long segments, long chunks, long bytes) {}
