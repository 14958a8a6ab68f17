package io.orgvault.engine.browse;

/** What one recorded version of a record is, relative to the version before it. */
public enum VersionKind {
  /** The first version the backups hold. */
  FIRST,
  /** A later version of a live record. */
  CHANGED,
  /** A deletion (tombstone). */
  DELETED,
  /** Live again after a deletion (an undelete). */
  RESTORED
}
