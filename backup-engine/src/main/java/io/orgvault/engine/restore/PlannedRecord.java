package io.orgvault.engine.restore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a restore does with one backed-up record.
 *
 * @param sourceId the record's Id in the backup
 * @param targetId the record written in the target org for {@link RestoreAction#UPDATE} and {@link
 *     RestoreAction#UNDELETE}; null for a create (its new Id is known only when it runs) and a skip
 * @param fields the values to send, canonical; a reference field listed in {@code rewrites} holds
 *     the Id of a record in the backup, replaced by its new Id when the parent is re-created
 * @param rewrites the reference fields of {@code fields} whose parent is re-created by this plan
 * @param secondPass reference fields inserted blank and set by an update once every record has its
 *     new Id (self-references, cycles), with the backed-up Id they point at
 * @param leftOut fields of the backed-up record that are not sent, with the reason
 * @param conflicts for a record changed in the org since the backup: the fields the restore writes
 *     with the org's current value
 * @param bodyField the file body field ({@code VersionData}, {@code Body}) sent from the backup's
 *     blob store, or null
 */
public record PlannedRecord(
    String object,
    String sourceId,
    RestoreAction action,
    String reason,
    String targetId,
    Map<String, Object> fields,
    List<String> rewrites,
    Map<String, String> secondPass,
    List<LeftOutField> leftOut,
    List<FieldConflict> conflicts,
    String bodyField) {

  public PlannedRecord {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    rewrites = List.copyOf(rewrites);
    secondPass = Collections.unmodifiableMap(new LinkedHashMap<>(secondPass));
    leftOut = List.copyOf(leftOut);
    conflicts = List.copyOf(conflicts);
  }

  static PlannedRecord skip(String object, String sourceId, String reason) {
    return new PlannedRecord(
        object,
        sourceId,
        RestoreAction.SKIP,
        reason,
        null,
        Map.of(),
        List.of(),
        Map.of(),
        List.of(),
        List.of(),
        null);
  }

  PlannedRecord skipped(String why) {
    return new PlannedRecord(
        object,
        sourceId,
        RestoreAction.SKIP,
        why,
        null,
        Map.of(),
        List.of(),
        Map.of(),
        leftOut,
        conflicts,
        null);
  }
}
