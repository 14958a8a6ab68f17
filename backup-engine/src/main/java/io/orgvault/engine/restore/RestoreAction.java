package io.orgvault.engine.restore;

/** What a restore does with one record of its plan. */
public enum RestoreAction {
  /** The record is in the target org's recycle bin: undelete it (then update fields if needed). */
  UNDELETE,
  /**
   * The record is gone from the target org (purged, or another org): insert it; it gets a new Id.
   */
  CREATE,
  /** The record exists in the target org: write back the fields that differ. */
  UPDATE,
  /** Nothing is written; the plan says why. */
  SKIP
}
