package io.orgvault.engine.store;

import java.time.Instant;
import java.util.List;

/**
 * One committed prune run: the backups retention dropped and the segments compaction replaced. The
 * record is the prune's commit point, authenticated like a manifest, and kept for as long as the
 * store: the dropped ranges let {@code verify} prove the manifest chain across the gaps, and the
 * replacements turn the segment lists of manifests written before the compaction into what was
 * compacted.
 *
 * @param number this record's own sequence number (1, 2, …), not a backup number
 * @param latestBackup the latest backup when the prune ran (always kept)
 */
record PruneRecord(
    long number,
    String tenantId,
    Instant createdAt,
    long latestBackup,
    List<DroppedRange> dropped,
    List<Replacement> replaced,
    String mac) {

  PruneRecord {
    dropped = List.copyOf(dropped);
    replaced = List.copyOf(replaced);
  }

  /**
   * Consecutive backups {@code from..to} (inclusive) whose manifests were dropped.
   *
   * @param previousMac the {@code previousMac} manifest {@code from} held (null for backup 1)
   * @param mac the MAC of manifest {@code to}, which the next manifest names as its predecessor
   */
  record DroppedRange(long from, long to, String previousMac, String mac) {
    boolean covers(long n) {
      return n >= from && n <= to;
    }
  }

  /**
   * Segments {@code inputs} of {@code object} (all of one retained-backup interval, in list order)
   * replaced by {@code outputs}, which hold for every Id the version the inputs' merge yields.
   */
  record Replacement(String object, List<SegmentId> inputs, List<Manifest.SegmentEntry> outputs) {
    Replacement {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  boolean drops(long backup) {
    return dropped.stream().anyMatch(r -> r.covers(backup));
  }
}
