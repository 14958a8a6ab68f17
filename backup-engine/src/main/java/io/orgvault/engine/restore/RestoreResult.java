package io.orgvault.engine.restore;

/**
 * The result of one record of a plan after a run.
 *
 * @param targetId the record's Id in the target org (the new Id of a created record)
 * @param code Salesforce's status code of a failure, or the restore's own ({@code
 *     PARENT_NOT_RESTORED}); null when nothing failed
 */
public record RestoreResult(
    String object,
    String sourceId,
    RestoreAction action,
    Outcome outcome,
    String targetId,
    String code,
    String message,
    String fields,
    String note) {

  /** How the record ended. */
  public enum Outcome {
    SUCCESS,
    /** Created, but a reference the second pass sets could not be set. */
    PARTIAL,
    FAILED,
    SKIPPED,
    /** The run stopped (API budget) before this record's turn; a re-run writes it. */
    NOT_RUN
  }
}
