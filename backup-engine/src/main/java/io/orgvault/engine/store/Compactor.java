package io.orgvault.engine.store;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * Merges small segments of one object into bigger ones without changing what any kept backup reads.
 *
 * <p>The rule: only segments of one <em>retained-backup interval</em> are merged. With kept backups
 * K1 &lt; K2 &lt; … the interval of a segment written by backup t is (K(i−1), K(i)] with K(i) the
 * smallest kept backup ≥ t. Every kept manifest lists either all segments of an interval or none
 * (manifests carry every earlier segment forward), so a replacement applies to a manifest whole or
 * not at all. Within the interval, a run is a sequence of consecutive writing backups all of whose
 * segments of the object are small and share one field list; a backup with a large segment ends a
 * run. The run's merge keeps, per Id, exactly the version reads picked among the inputs (newest
 * backup, then higher SystemModstamp, then later segment; tombstones kept), and its outputs are
 * tagged with the newest input backup, which lies in the same interval and above every other
 * segment the run's versions competed with — so every kept backup reads the same versions, and
 * "changes after kept backup A up to kept backup B" (the segments tagged in (A, B]) is unchanged.
 * Versions that only dropped backups could see are gone.
 */
final class Compactor {
  /** A segment below this size is small: merging it saves per-segment cost and dead versions. */
  static final long SMALL_SEGMENT_BYTES = 4L * 1024 * 1024;

  /**
   * A run must hold segments of at least this many backups. Merging one segment gains nothing, and
   * the split outputs of an earlier merge (one backup's tag) are not merged again until a newer
   * backup's small segments join their interval.
   */
  static final int MIN_BACKUPS_TO_MERGE = 2;

  private Compactor() {}

  /** One planned merge. */
  record Run(String object, List<FieldSchema> fields, List<Manifest.SegmentEntry> inputs) {
    long fromBackup() {
      return inputs.get(0).backup();
    }

    long toBackup() {
      return inputs.stream().mapToLong(Manifest.SegmentEntry::backup).max().orElseThrow();
    }

    long inputBytes() {
      return inputs.stream().mapToLong(Manifest.SegmentEntry::bytes).sum();
    }
  }

  /**
   * The runs to merge in {@code latest} (the latest manifest lists every live segment) given the
   * backups that stay.
   */
  static List<Run> plan(RecordStore store, Manifest latest, NavigableSet<Long> kept) {
    List<Run> runs = new ArrayList<>();
    for (Manifest.ObjectEntry o : latest.objects()) {
      TreeMap<Long, List<Manifest.SegmentEntry>> byBackup = new TreeMap<>();
      for (Manifest.SegmentEntry s : o.segments()) {
        byBackup.computeIfAbsent(s.backup(), b -> new ArrayList<>()).add(s);
      }
      List<Manifest.SegmentEntry> current = new ArrayList<>();
      List<FieldSchema> currentFields = null;
      Long currentInterval = null;
      for (var e : byBackup.entrySet()) {
        Long interval = kept.ceiling(e.getKey());
        List<FieldSchema> fields = smallFields(store, o.name(), e.getValue());
        boolean joins =
            fields != null
                && interval != null
                && interval.equals(currentInterval)
                && fields.equals(currentFields);
        if (!joins) {
          close(runs, o.name(), currentFields, current);
          current = new ArrayList<>();
          currentFields = fields;
          currentInterval = fields == null ? null : interval;
        }
        if (fields != null) {
          current.addAll(e.getValue());
        }
      }
      close(runs, o.name(), currentFields, current);
    }
    return runs;
  }

  /** The one field list of a backup's segments if all are small and share it, else null. */
  private static List<FieldSchema> smallFields(
      RecordStore store, String object, List<Manifest.SegmentEntry> segments) {
    List<FieldSchema> fields = null;
    for (Manifest.SegmentEntry s : segments) {
      if (s.bytes() >= SMALL_SEGMENT_BYTES) {
        return null;
      }
      try (SegmentReader r = store.openSegment(s, object)) {
        List<FieldSchema> f = r.footer().fields().fields();
        if (fields != null && !fields.equals(f)) {
          return null;
        }
        fields = f;
      }
    }
    return fields;
  }

  private static void close(
      List<Run> runs, String object, List<FieldSchema> fields, List<Manifest.SegmentEntry> in) {
    if (in.stream().map(Manifest.SegmentEntry::backup).distinct().count() >= MIN_BACKUPS_TO_MERGE) {
      runs.add(new Run(object, fields, List.copyOf(in)));
    }
  }

  /**
   * Writes the merged segments of {@code run} (each durable, not yet referenced by anything) and
   * returns the replacement a prune record commits. On failure the outputs written are removed.
   */
  static PruneRecord.Replacement merge(RecordStore store, Run run) {
    ObjectWriter w = store.newObjectWriter(run.object(), run.fields(), 1);
    try {
      try (RecordStream merged = store.merge(run.inputs(), run.object(), true)) {
        while (merged.hasNext()) {
          w.add(merged.next());
        }
      }
      w.finish();
    } catch (RuntimeException e) {
      discard(store, w.segments());
      throw e;
    }
    long tag = run.toBackup();
    List<Manifest.SegmentEntry> outputs = new ArrayList<>();
    for (SegmentWriter.Written s : w.segments()) {
      outputs.add(
          new Manifest.SegmentEntry(
              s.id(),
              tag,
              s.rows(),
              s.tombstones(),
              s.minId(),
              s.maxId(),
              s.minModstamp(),
              s.maxModstamp(),
              s.bytes()));
    }
    return new PruneRecord.Replacement(
        run.object(), run.inputs().stream().map(Manifest.SegmentEntry::id).toList(), outputs);
  }

  static void discard(RecordStore store, List<SegmentWriter.Written> written) {
    for (SegmentWriter.Written s : written) {
      DurableFile.discard(store.options().io(), store.segmentPath(s.id()));
    }
  }

  static void discardOutputs(RecordStore store, List<PruneRecord.Replacement> done) {
    for (PruneRecord.Replacement r : done) {
      for (Manifest.SegmentEntry s : r.outputs()) {
        DurableFile.discard(store.options().io(), store.segmentPath(s.id()));
      }
    }
  }
}
