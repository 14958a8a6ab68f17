package io.orgvault.engine.store;

/** One version of a record and the backup that recorded it. */
public record HistoryEntry(long backupNumber, RecordVersion version) {}
