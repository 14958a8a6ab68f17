package io.orgvault.engine.store;

/** What garbage collection removed. */
public record GcReport(long tempFiles, long segments, long chunks) {}
