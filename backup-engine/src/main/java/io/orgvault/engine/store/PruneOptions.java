package io.orgvault.engine.store;

/**
 * What a prune does besides garbage collection.
 *
 * @param retention the policy that picks the backups to keep, or null to keep every backup
 * @param compact merge small segments (see {@link Compactor})
 * @param dryRun report what would happen and change nothing
 */
public record PruneOptions(RetentionPolicy retention, boolean compact, boolean dryRun) {
  public static PruneOptions gcOnly() {
    return new PruneOptions(null, false, false);
  }
}
