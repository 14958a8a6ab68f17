package io.orgvault.engine.restore;

import java.util.List;

/**
 * What one write did to one record of the plan.
 *
 * @param sourceId the record's Id in the backup
 * @param targetId the record's Id in the target org after the write (the new Id of a create)
 * @param code Salesforce's status code of a failure (e.g. {@code
 *     FIELD_CUSTOM_VALIDATION_EXCEPTION}) or the restore's own ({@code PARENT_NOT_RESTORED}); null
 *     on success
 * @param note how a success came about when it was not this write's own result (e.g. "came back
 *     with its parent's undelete", "found in the org after an interrupted run")
 */
public record RecordOutcome(
    String sourceId,
    boolean ok,
    String targetId,
    String code,
    String message,
    List<String> fields,
    String note) {
  public RecordOutcome {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  static RecordOutcome success(String sourceId, String targetId, String note) {
    return new RecordOutcome(sourceId, true, targetId, null, null, List.of(), note);
  }

  static RecordOutcome failure(String sourceId, String code, String message, List<String> fields) {
    return new RecordOutcome(sourceId, false, null, code, message, fields, null);
  }
}
