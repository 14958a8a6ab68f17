package io.orgvault.engine.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one backup run extracts and how.
 *
 * @param include objects to back up; empty means every queryable object
 * @param exclude objects never backed up, whatever {@code include} says
 * @param overlap how far before the previous high-water mark an incremental run starts, to catch
 *     transactions that were in flight when the previous run read the server clock
 * @param pendingMaxAge how old (since its first run started) a pending backup may be for a run to
 *     continue it; an older one is abandoned and the backup starts again
 */
public record BackupOptions(
    Set<String> include, Set<String> exclude, Duration overlap, Duration pendingMaxAge) {
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(5);

  /**
   * Salesforce keeps a Bulk query job's results for 7 days: a pending backup older than that would
   * mostly restart its Bulk objects anyway, and its objects' marks grow stale.
   */
  public static final Duration DEFAULT_PENDING_MAX_AGE = Duration.ofDays(7);

  public BackupOptions {
    include = Set.copyOf(include);
    exclude = Set.copyOf(exclude);
    Objects.requireNonNull(overlap, "overlap");
    Objects.requireNonNull(pendingMaxAge, "pendingMaxAge");
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("the overlap window cannot be negative");
    }
    if (pendingMaxAge.isNegative()) {
      throw new IllegalArgumentException("the pending backup age limit cannot be negative");
    }
  }

  public BackupOptions(Set<String> include, Set<String> exclude, Duration overlap) {
    this(include, exclude, overlap, DEFAULT_PENDING_MAX_AGE);
  }

  public static BackupOptions defaults() {
    return new BackupOptions(Set.of(), Set.of(), DEFAULT_OVERLAP, DEFAULT_PENDING_MAX_AGE);
  }

  public BackupOptions including(Set<String> objects) {
    return new BackupOptions(objects, exclude, overlap, pendingMaxAge);
  }

  public BackupOptions excluding(Set<String> objects) {
    return new BackupOptions(include, objects, overlap, pendingMaxAge);
  }

  public BackupOptions withOverlap(Duration v) {
    return new BackupOptions(include, exclude, v, pendingMaxAge);
  }

  public BackupOptions withPendingMaxAge(Duration v) {
    return new BackupOptions(include, exclude, overlap, v);
  }

  boolean selects(String object) {
    return (include.isEmpty() || include.contains(object)) && !exclude.contains(object);
  }

  /** The selection as text, so a pending backup is continued only under the same one. */
  String selection() {
    return "include=" + new TreeSet<>(include) + ";exclude=" + new TreeSet<>(exclude);
  }
}
