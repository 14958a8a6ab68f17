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
 * @param parallelism how many objects are extracted at once (each with its own share of the store's
 *     buffer budget)
 * @param bodyDownloads how many file bodies are read at once, over the whole run
 */
public record BackupOptions(
    Set<String> include,
    Set<String> exclude,
    Duration overlap,
    int parallelism,
    int bodyDownloads) {
  public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(5);

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
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("the overlap window cannot be negative");
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

  /** Default parallelism and body downloads. */
  public BackupOptions(Set<String> include, Set<String> exclude, Duration overlap) {
    this(include, exclude, overlap, DEFAULT_PARALLELISM, DEFAULT_BODY_DOWNLOADS);
  }

  public static BackupOptions defaults() {
    return new BackupOptions(Set.of(), Set.of(), DEFAULT_OVERLAP);
  }

  public BackupOptions including(Set<String> objects) {
    return new BackupOptions(objects, exclude, overlap, parallelism, bodyDownloads);
  }

  public BackupOptions excluding(Set<String> objects) {
    return new BackupOptions(include, objects, overlap, parallelism, bodyDownloads);
  }

  public BackupOptions withOverlap(Duration v) {
    return new BackupOptions(include, exclude, v, parallelism, bodyDownloads);
  }

  public BackupOptions withParallelism(int objects) {
    return new BackupOptions(include, exclude, overlap, objects, bodyDownloads);
  }

  public BackupOptions withBodyDownloads(int bodies) {
    return new BackupOptions(include, exclude, overlap, parallelism, bodies);
  }

  boolean selects(String object) {
    return (include.isEmpty() || include.contains(object)) && !exclude.contains(object);
  }
}
