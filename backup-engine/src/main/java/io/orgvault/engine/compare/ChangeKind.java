package io.orgvault.engine.compare;

/** How one record differs between the earlier backup A and the later backup B. */
public enum ChangeKind {
  /** Live at B, not live at A (new, undeleted after A, or of an object A did not back up). */
  ADDED,
  /** Live at A, not live at B. */
  DELETED,
  /** Live at both, with at least one field value that differs. */
  CHANGED
}
