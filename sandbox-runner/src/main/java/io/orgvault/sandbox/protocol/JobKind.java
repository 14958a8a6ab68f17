package io.orgvault.sandbox.protocol;

import java.util.Locale;

/**
 * The engine jobs a sandbox runs; the wire name is the lower-case constant name, dashes for
 * underscores.
 */
public enum JobKind {
  /** One backup run into the tenant's store. */
  BACKUP,
  /** Re-reads and authenticates the whole store. */
  VERIFY,
  /** Garbage collection: removes orphan segments, chunks and temporary files. */
  PRUNE,
  /** One line per backup with its counts and bytes. */
  STATS,
  /** An object, a comparison or a whole backup written to a file in the volume's exports. */
  EXPORT,
  /** A query sandbox: answers browse, history, get and compare requests until stdin ends. */
  QUERY,
  /** Plans a restore into the org from a backup and seals the plan in the volume. */
  RESTORE_PLAN,
  /** Runs (or continues) a sealed restore plan against the org. */
  RESTORE_RUN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A job that talks to the org: it needs an org Id, a login URL and a session. */
  public boolean reachesOrg() {
    return this == BACKUP || this == RESTORE_PLAN || this == RESTORE_RUN;
  }

  static JobKind ofWireName(String s) {
    for (JobKind k : values()) {
      if (k.wireName().equals(s)) {
        return k;
      }
    }
    throw new ProtocolException(
        "unknown job kind (expected backup, verify, prune, stats, export, query, restore-plan or"
            + " restore-run)");
  }
}
