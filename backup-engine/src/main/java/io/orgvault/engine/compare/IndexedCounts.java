package io.orgvault.engine.compare;

import io.orgvault.engine.store.AscendingLookup;
import io.orgvault.engine.store.ChangeIndex;
import io.orgvault.engine.store.ChangeMerge;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The summary counts of one object from the change indexes of the segments written in (A, B] alone,
 * without reading their rows or looking anything up at A (docs/compare.md, "Summary from the change
 * indexes"). For each Id the indexes hold, the first version after A records the state at A (the
 * backup before the one that wrote it had the record live or not, and the digest of its values),
 * the last version up to B is the state at B; changed means both live and the digests differ. A
 * record whose digests do not cover the same compared fields (a schema change, a version written
 * without a field) is looked up at A and B and compared field by field, as the full comparison
 * does. Gives up (empty) when a segment has no change index, or the range holds more than {@link
 * #MAX_INDEXED_VERSIONS} versions of the object.
 */
final class IndexedCounts {
  /**
   * The most versions (rows of the (A, B] segments of one object) counted from their indexes: they
   * are held decoded at once, ~80 bytes each, so this bounds the heap a summary takes (~60 MB);
   * longer ranges are counted from the stream, which streams. A daily incremental of the bench org
   * writes ~6,300 Contact versions, so this is about three months of one large object.
   */
  static final long MAX_INDEXED_VERSIONS = 750_000;

  private IndexedCounts() {}

  /**
   * @param inFrom whether backup A holds the object
   * @param comparable the fields both backups' schemas have
   * @return added, deleted, changed (by {@link ChangeKind} ordinal) of the kinds the filter keeps;
   *     empty if the indexes cannot tell (count from the rows then)
   */
  static Optional<long[]> count(
      RecordStore store,
      Snapshot before,
      Snapshot after,
      String object,
      boolean inFrom,
      Set<String> comparable,
      CompareFilter filter) {
    long versions = 0;
    for (Manifest.SegmentEntry s : after.manifest().object(object).orElseThrow().segments()) {
      versions += s.backup() > before.backupNumber() ? s.rows() : 0;
    }
    if (versions > MAX_INDEXED_VERSIONS) {
      return Optional.empty();
    }
    Optional<List<ChangeIndex.OfSegment>> found =
        store.changeIndexesBetween(before.backupNumber(), after.manifest(), object);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<ChangeIndex.OfSegment> segments = found.get();
    Map<ChangeIndex.OfSegment, Boolean> digestsComparable = new IdentityHashMap<>();
    for (ChangeIndex.OfSegment s : segments) {
      if (inFrom && !s.index().priorHeldObject()) {
        // Written after a backup without the object, which A has: the prior state is not A's.
        return Optional.empty();
      }
      digestsComparable.put(s, comparable.containsAll(s.fieldNames()));
    }
    long[] counts = new long[ChangeKind.values().length];
    List<String> lookUp = new ArrayList<>();
    ChangeMerge.forEach(
        segments,
        (id, first, firstAt, last, lastAt) -> {
          ChangeIndex f = first.index();
          ChangeIndex l = last.index();
          boolean wasLive = inFrom && f.priorLive(firstAt);
          if (l.tombstone(lastAt)) {
            if (wasLive) {
              counts[ChangeKind.DELETED.ordinal()]++;
            }
          } else if (!wasLive) {
            counts[ChangeKind.ADDED.ordinal()]++;
          } else if (filter.includesKind(ChangeKind.CHANGED)) {
            if (l.holdsAllFields(lastAt)
                && f.priorHoldsAllFields(firstAt)
                && digestsComparable.get(last)
                && (first == last || first.fieldNames().equals(last.fieldNames()))) {
              if (first == last) {
                // Written once since A: the writer compared it with A's version exactly.
                if (l.changedFromPrior(lastAt)) {
                  counts[ChangeKind.CHANGED.ordinal()]++;
                }
              } else if (ChangeIndex.sameDigests(l, lastAt, f, firstAt)) {
                lookUp.add(id); // all but certainly unchanged: the rows say for sure
              } else {
                counts[ChangeKind.CHANGED.ordinal()]++;
              }
            } else {
              lookUp.add(id);
            }
          }
        });
    if (!lookUp.isEmpty()) {
      compareRows(before, after, object, comparable, lookUp, counts);
    }
    for (ChangeKind k : ChangeKind.values()) {
      if (!filter.includesKind(k)) {
        counts[k.ordinal()] = 0;
      }
    }
    return Optional.of(counts);
  }

  /** The records the digests cannot decide: read at A and B and compared as the stream does. */
  private static void compareRows(
      Snapshot before,
      Snapshot after,
      String object,
      Set<String> comparable,
      List<String> ids,
      long[] counts) {
    try (AscendingLookup a = before.ascendingLookup(object);
        AscendingLookup b = after.ascendingLookup(object)) {
      for (String id : ids) {
        Optional<RecordVersion> was = a.live(id);
        Optional<RecordVersion> now = b.live(id);
        if (now.isEmpty()) {
          if (was.isPresent()) {
            counts[ChangeKind.DELETED.ordinal()]++;
          }
        } else if (was.isEmpty()) {
          counts[ChangeKind.ADDED.ordinal()]++;
        } else if (!Comparison.changedFields(was.get(), now.get(), comparable, Set.of())
            .isEmpty()) {
          counts[ChangeKind.CHANGED.ordinal()]++;
        }
      }
    }
  }
}
