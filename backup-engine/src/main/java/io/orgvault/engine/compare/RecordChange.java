package io.orgvault.engine.compare;

import io.orgvault.engine.store.RecordVersion;
import java.util.List;
import java.util.Objects;

/**
 * One record that differs between backups A and B.
 *
 * @param fields for {@link ChangeKind#CHANGED}: the differing fields, in the order of the newer
 *     version; empty for added and deleted records
 * @param before the live version at A, null when added
 * @param after the live version at B, null when deleted
 */
public record RecordChange(
    String object,
    String id,
    ChangeKind kind,
    List<FieldChange> fields,
    RecordVersion before,
    RecordVersion after) {
  public RecordChange {
    Objects.requireNonNull(kind, "kind");
    fields = List.copyOf(fields);
  }
}
