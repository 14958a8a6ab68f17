package io.orgvault.engine.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One prune, under the volume's writer lock:
 *
 * <ol>
 *   <li>read every live manifest and prune record (any damage stops the prune: nothing is decided
 *       on a store that does not authenticate);
 *   <li>retention picks the backups to keep; compaction plans merges within the kept intervals;
 *   <li>the merged segments are written, each durable but referenced by nothing yet;
 *   <li>one prune record is committed (temp file, fsync, rename, fsync dir): the commit point. It
 *       names the dropped backups (with the MACs that keep the chain provable) and the replaced
 *       segments;
 *   <li>garbage collection deletes the dropped manifests, the replaced and unreferenced segments
 *       and unreferenced chunks.
 * </ol>
 *
 * A crash before step 4 leaves the store as it was (the new segments are garbage); after it, the
 * store is pruned and the next garbage collection finishes the deletions.
 */
final class Pruner {
  private final RecordStore store;
  private final PruneOptions options;

  Pruner(RecordStore store, PruneOptions options) {
    this.store = store;
    this.options = options;
  }

  PruneReport run() {
    PruneLog.Loaded log = store.pruneLog().load().requireIntact();
    List<Manifest> all = store.liveManifests();
    Map<Long, Manifest> byNumber = new TreeMap<>();
    all.forEach(m -> byNumber.put(m.backupNumber(), m));
    RetentionPolicy.Selection selection = select(all);
    List<Manifest> kept = new ArrayList<>();
    for (Manifest m : all) {
      if (selection.kept().containsKey(m.backupNumber())) {
        kept.add(m);
      }
    }
    List<Compactor.Run> runs =
        options.compact() && !all.isEmpty()
            ? Compactor.plan(
                store, all.get(all.size() - 1), new TreeSet<>(selection.kept().keySet()))
            : List.of();
    if (options.dryRun()) {
      List<PruneReport.Compaction> planned = new ArrayList<>();
      for (Compactor.Run r : runs) {
        planned.add(
            new PruneReport.Compaction(
                r.object(), r.fromBackup(), r.toBackup(), r.inputs().size(), r.inputBytes(), 0, 0));
      }
      GcReport gc = new GarbageCollector(store).run(kept, true);
      return new PruneReport(true, selection.kept(), selection.dropped(), planned, gc, 0);
    }
    List<PruneRecord.Replacement> replacements = new ArrayList<>();
    List<PruneReport.Compaction> done = new ArrayList<>();
    long recordNumber = 0;
    try {
      for (Compactor.Run r : runs) {
        PruneRecord.Replacement rep = Compactor.merge(store, r);
        replacements.add(rep);
        done.add(
            new PruneReport.Compaction(
                r.object(),
                r.fromBackup(),
                r.toBackup(),
                r.inputs().size(),
                r.inputBytes(),
                rep.outputs().size(),
                rep.outputs().stream().mapToLong(Manifest.SegmentEntry::bytes).sum()));
      }
      List<PruneRecord.DroppedRange> ranges = ranges(selection.dropped(), byNumber);
      if (!ranges.isEmpty() || !replacements.isEmpty()) {
        recordNumber = log.lastNumber() + 1;
        store
            .pruneLog()
            .commit(
                new PruneRecord(
                    recordNumber,
                    store.tenantId(),
                    Instant.now(),
                    all.get(all.size() - 1).backupNumber(),
                    ranges,
                    replacements,
                    null));
      }
    } catch (RuntimeException e) {
      Compactor.discardOutputs(store, replacements);
      throw e;
    }
    GcReport gc = new GarbageCollector(store).run(store.liveManifests(), false);
    return new PruneReport(false, selection.kept(), selection.dropped(), done, gc, recordNumber);
  }

  private RetentionPolicy.Selection select(List<Manifest> all) {
    if (options.retention() == null) {
      Map<Long, List<String>> every = new TreeMap<>();
      all.forEach(m -> every.put(m.backupNumber(), List.of("no retention policy")));
      return new RetentionPolicy.Selection(every, List.of());
    }
    List<RetentionPolicy.Candidate> candidates = new ArrayList<>();
    all.forEach(
        m -> candidates.add(new RetentionPolicy.Candidate(m.backupNumber(), m.createdAt())));
    return options.retention().select(candidates);
  }

  /** Consecutive dropped backups as ranges, with the MACs the chain check needs. */
  private static List<PruneRecord.DroppedRange> ranges(
      List<Long> dropped, Map<Long, Manifest> byNumber) {
    List<PruneRecord.DroppedRange> out = new ArrayList<>();
    int i = 0;
    while (i < dropped.size()) {
      int j = i;
      while (j + 1 < dropped.size() && dropped.get(j + 1) == dropped.get(j) + 1) {
        j++;
      }
      Manifest first = byNumber.get(dropped.get(i));
      Manifest last = byNumber.get(dropped.get(j));
      out.add(
          new PruneRecord.DroppedRange(
              first.backupNumber(), last.backupNumber(), first.previousMac(), last.mac()));
      i = j + 1;
    }
    return out;
  }
}
