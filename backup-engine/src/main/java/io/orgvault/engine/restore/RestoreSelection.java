package io.orgvault.engine.restore;

import io.orgvault.engine.compare.CompareFilter;
import java.util.Objects;

/** Which backed-up records a restore starts from. */
public sealed interface RestoreSelection {

  /** The backup whose recorded describe orders the restore. */
  long backup();

  /**
   * The records a compare between backups {@code from} and {@code to} reports as deleted or
   * changed, restored to their version at {@code from}. Records added after {@code from} are
   * skipped: a restore never deletes.
   */
  record CompareRecords(long from, long to, CompareFilter filter) implements RestoreSelection {
    public CompareRecords {
      Objects.requireNonNull(filter, "filter");
    }

    @Override
    public long backup() {
      return from;
    }
  }

  /** One record's version as held by backup {@code backup}. */
  record RecordVersionOf(long backup, String object, String id) implements RestoreSelection {}

  /** Every live record of an object as of a backup. */
  record ObjectAsOf(long backup, String object) implements RestoreSelection {}

  /**
   * A record with its related records in the same backup: children through describe's child
   * relationships, recursively (an Account's Contacts, Opportunities, Cases, files' links and
   * attachments, and their children), and/or the records it points at, recursively.
   */
  record RecordWithRelated(long backup, String object, String id, boolean children, boolean parents)
      implements RestoreSelection {}
}
