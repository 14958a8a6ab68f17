package io.orgvault.engine.compare;

import io.orgvault.engine.store.AscendingLookup;
import io.orgvault.engine.store.ChangeIndex;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The summary counts of one object from the change indexes of the segments written in (A, B] alone,
 * without reading their rows or looking anything up at A (docs/compare.md, "Summary from the change
 * indexes"). For each Id the indexes hold, the first version after A records the state at A (the
 * backup before the one that wrote it had the record live or not, and the digest of its values),
 * the last version up to B is the state at B; changed means both live and the digests differ. A
 * record whose digests do not cover the same compared fields (a schema change, a version written
 * without a field) is looked up at A and B and compared field by field, as the full comparison
 * does. Gives up (empty) when a segment has no change index.
 */
final class IndexedCounts {
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
    Optional<List<ChangeIndex.OfSegment>> found =
        store.changeIndexesBetween(before.backupNumber(), after.backupNumber(), object);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<ChangeIndex.OfSegment> segments = found.get();
    int n = segments.size();
    boolean[] digestsComparable = new boolean[n];
    for (int s = 0; s < n; s++) {
      if (inFrom && !segments.get(s).index().priorHeldObject()) {
        // Written after a backup without the object, which A has: the prior state is not A's.
        return Optional.empty();
      }
      digestsComparable[s] = comparable.containsAll(segments.get(s).fieldNames());
    }
    long[] counts = new long[ChangeKind.values().length];
    List<String> lookUp = new ArrayList<>();
    int[] at = new int[n];
    PriorityQueue<Integer> heads =
        new PriorityQueue<>(
            Math.max(1, n),
            (x, y) -> {
              int c = id(segments, x, at).compareTo(id(segments, y, at));
              return c != 0 ? c : Integer.compare(x, y);
            });
    for (int s = 0; s < n; s++) {
      if (segments.get(s).index().size() > 0) {
        heads.add(s);
      }
    }
    while (!heads.isEmpty()) {
      int s0 = heads.poll();
      String id = id(segments, s0, at);
      int first = s0;
      int firstAt = at[s0];
      int last = s0;
      int lastAt = at[s0];
      advance(segments, s0, at, heads);
      while (!heads.isEmpty() && id(segments, heads.peek(), at).equals(id)) {
        int s = heads.poll();
        if (later(segments, first, firstAt, s, at[s])) {
          first = s;
          firstAt = at[s];
        }
        if (later(segments, s, at[s], last, lastAt)) {
          last = s;
          lastAt = at[s];
        }
        advance(segments, s, at, heads);
      }
      ChangeIndex f = segments.get(first).index();
      ChangeIndex l = segments.get(last).index();
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
            && digestsComparable[last]
            && segments.get(first).fieldNames().equals(segments.get(last).fieldNames())) {
          if (!ChangeIndex.sameValues(l, lastAt, f, firstAt)) {
            counts[ChangeKind.CHANGED.ordinal()]++;
          }
        } else {
          lookUp.add(id);
        }
      }
    }
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

  /**
   * Whether entry {@code i} of segment {@code s} is newer than entry {@code j} of segment {@code
   * t}, by the rule reads pick versions with: the later backup, then the higher SystemModstamp,
   * then the segment listed later.
   */
  private static boolean later(List<ChangeIndex.OfSegment> segments, int s, int i, int t, int j) {
    long bs = segments.get(s).backup();
    long bt = segments.get(t).backup();
    if (bs != bt) {
      return bs > bt;
    }
    long ms = segments.get(s).index().systemModstamp(i);
    long mt = segments.get(t).index().systemModstamp(j);
    if (ms != mt) {
      return ms > mt;
    }
    return s > t;
  }

  private static String id(List<ChangeIndex.OfSegment> segments, int s, int[] at) {
    return segments.get(s).index().id(at[s]);
  }

  private static void advance(
      List<ChangeIndex.OfSegment> segments, int s, int[] at, PriorityQueue<Integer> heads) {
    at[s]++;
    if (at[s] < segments.get(s).index().size()) {
      heads.add(s);
    }
  }
}
