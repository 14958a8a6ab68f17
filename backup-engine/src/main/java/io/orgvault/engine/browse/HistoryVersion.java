package io.orgvault.engine.browse;

import io.orgvault.engine.compare.FieldChange;
import io.orgvault.engine.store.RecordVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One version of a record in its history.
 *
 * @param backup the backup that recorded it (after compaction: the newest backup of the merged
 *     interval)
 * @param backupTime when that backup was made; empty if retention dropped that backup
 * @param changes for {@link VersionKind#CHANGED} and {@link VersionKind#RESTORED}: the fields that
 *     differ from the previous live version (fields that version lacks are not listed)
 * @param lastModifiedById the record's {@code LastModifiedById}, when it has one
 * @param lastModifiedDate the record's {@code LastModifiedDate}, when it has one
 */
public record HistoryVersion(
    long backup,
    Optional<Instant> backupTime,
    VersionKind kind,
    List<FieldChange> changes,
    String lastModifiedById,
    Instant lastModifiedDate,
    RecordVersion version) {
  public HistoryVersion {
    changes = List.copyOf(changes);
  }
}
