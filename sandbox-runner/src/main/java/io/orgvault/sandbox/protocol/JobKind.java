package io.orgvault.sandbox.protocol;

import java.util.Locale;

/** The engine jobs a sandbox runs; the wire name is the lower-case constant name. */
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
  QUERY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static JobKind ofWireName(String s) {
    for (JobKind k : values()) {
      if (k.wireName().equals(s)) {
        return k;
      }
    }
    throw new ProtocolException(
        "unknown job kind (expected backup, verify, prune, stats, export or query)");
  }
}
