package io.orgvault.engine.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What one backup run extracts and how.
 *
 * @param include objects to back up; empty means every queryable object
 * @param exclude objects never backed up, whatever {@code include} says
 * @param overlap how far before the previous high-water mark an incremental run starts, to catch
 *     transactions that were in flight when the previous run read the server clock
 */
public record BackupOptions(Set<String> include, Set<String> exclude, Duration overlap) {
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(5);

  public BackupOptions {
    include = Set.copyOf(include);
    exclude = Set.copyOf(exclude);
    Objects.requireNonNull(overlap, "overlap");
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("the overlap window cannot be negative");
    }
  }

  public static BackupOptions defaults() {
    return new BackupOptions(Set.of(), Set.of(), DEFAULT_OVERLAP);
  }

  public BackupOptions including(Set<String> objects) {
    return new BackupOptions(objects, exclude, overlap);
  }

  public BackupOptions excluding(Set<String> objects) {
    return new BackupOptions(include, objects, overlap);
  }

  public BackupOptions withOverlap(Duration v) {
    return new BackupOptions(include, exclude, v);
  }

  boolean selects(String object) {
    return (include.isEmpty() || include.contains(object)) && !exclude.contains(object);
  }
}
