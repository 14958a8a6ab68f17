package io.orgvault.engine.salesforce;

import io.orgvault.engine.store.RecordVersion;
import java.time.Instant;

/** A record deleted in a {@code getDeleted} window. */
public record Deletion(String id, Instant deletedDate) {
  /** The deletion as the store writes it. */
  public RecordVersion toTombstone(String objectName) {
    return RecordVersion.tombstone(objectName, id, deletedDate.toEpochMilli());
  }
}
