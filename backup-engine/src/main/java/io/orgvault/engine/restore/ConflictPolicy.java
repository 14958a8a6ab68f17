package io.orgvault.engine.restore;

/** What the plan does with a record that changed in the org since the backup last saw it. */
public enum ConflictPolicy {
  /** Write the backup's values over the org's changes. */
  OVERWRITE,
  /** Leave the record as the org has it. */
  SKIP
}
