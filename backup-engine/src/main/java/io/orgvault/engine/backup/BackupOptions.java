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
 * @param parallelism how many objects are extracted at once (each with its own share of the store's
 *     buffer budget)
 * @param bodyDownloads how many file bodies are read at once, over the whole run
 */
public record BackupOptions(
    Set<String> include,
    Set<String> exclude,
    Duration overlap,
    Duration pendingMaxAge,
    int parallelism,
    int bodyDownloads) {
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(5);

  /**
   * Salesforce keeps a Bulk query job's results for 7 days: a pending backup older than that would
   * mostly restart its Bulk objects anyway, and its objects' marks grow stale.
   */
  public static final Duration DEFAULT_PENDING_MAX_AGE = Duration.ofDays(7);

  /**
   * Objects extracted at once by default: one Bulk object's CSV parsing, sorting, compression and
   * encryption fill about one core, and API round trips leave gaps a second and third fill.
   */
  public static final int DEFAULT_PARALLELISM = 3;

  /** File bodies read at once by default: each is one HTTPS call that mostly waits. */
  public static final int DEFAULT_BODY_DOWNLOADS = 8;

  /** The most of either, so that a typo cannot open hundreds of connections to Salesforce. */
  public static final int MAX_CONCURRENCY = 64;

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
    if (parallelism < 1 || parallelism > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "parallelism must be 1 to " + MAX_CONCURRENCY + ", got " + parallelism);
    }
    if (bodyDownloads < 1 || bodyDownloads > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "body downloads must be 1 to " + MAX_CONCURRENCY + ", got " + bodyDownloads);
    }
  }

  /** The default pending age limit, parallelism and body downloads. */
  public BackupOptions(Set<String> include, Set<String> exclude, Duration overlap) {
    this(
        include,
        exclude,
        overlap,
        DEFAULT_PENDING_MAX_AGE,
        DEFAULT_PARALLELISM,
        DEFAULT_BODY_DOWNLOADS);
  }

  public static BackupOptions defaults() {
    return new BackupOptions(Set.of(), Set.of(), DEFAULT_OVERLAP);
  }

  public BackupOptions including(Set<String> objects) {
    return new BackupOptions(objects, exclude, overlap, pendingMaxAge, parallelism, bodyDownloads);
  }

  public BackupOptions excluding(Set<String> objects) {
    return new BackupOptions(include, objects, overlap, pendingMaxAge, parallelism, bodyDownloads);
  }

  public BackupOptions withOverlap(Duration v) {
    return new BackupOptions(include, exclude, v, pendingMaxAge, parallelism, bodyDownloads);
  }

  public BackupOptions withPendingMaxAge(Duration v) {
    return new BackupOptions(include, exclude, overlap, v, parallelism, bodyDownloads);
  }

  public BackupOptions withParallelism(int objects) {
    return new BackupOptions(include, exclude, overlap, pendingMaxAge, objects, bodyDownloads);
  }

  public BackupOptions withBodyDownloads(int bodies) {
    return new BackupOptions(include, exclude, overlap, pendingMaxAge, parallelism, bodies);
  }

  boolean selects(String object) {
    return (include.isEmpty() || include.contains(object)) && !exclude.contains(object);
  }

  /** The selection as text, so a pending backup is continued only under the same one. */
  String selection() {
    return "include=" + new TreeSet<>(include) + ";exclude=" + new TreeSet<>(exclude);
  }
}
