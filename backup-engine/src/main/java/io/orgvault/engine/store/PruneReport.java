package io.orgvault.engine.store;

import java.util.List;
import java.util.Map;

/**
 * What a prune did (or, in a dry run, would do).
 *
 * @param kept kept backup numbers to the reasons the policy keeps them, ascending
 * @param dropped backup numbers whose manifests were dropped
 * @param compactions the merges done (planned, in a dry run)
 * @param gc what garbage collection removed afterwards, with the bytes freed
 * @param pruneRecord the number of the prune record committed, 0 if none was needed or dry run
 */
public record PruneReport(
    boolean dryRun,
    Map<Long, List<String>> kept,
    List<Long> dropped,
    List<Compaction> compactions,
    GcReport gc,
    long pruneRecord) {
  public PruneReport {
    kept = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(kept));
    dropped = List.copyOf(dropped);
    compactions = List.copyOf(compactions);
  }

  /**
   * One merge of small segments of one object within one retained-backup interval.
   *
   * @param fromBackup oldest backup that wrote an input
   * @param toBackup newest backup that wrote an input; the outputs are tagged with it
   * @param outputSegments 0 in a dry run (the merge is not done)
   * @param outputBytes 0 in a dry run
   */
  public record Compaction(
      String object,
      long fromBackup,
      long toBackup,
      int inputSegments,
      long inputBytes,
      int outputSegments,
      long outputBytes) {}
}
