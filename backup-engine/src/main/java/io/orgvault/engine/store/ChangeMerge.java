package io.orgvault.engine.store;

import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the change indexes of several segments of one object by Id: for each Id, the entry of its
 * first and of its last version among them, by the rule reads pick versions with (the later backup,
 * then the higher SystemModstamp, then the segment listed later, is newer). Compare's summary and
 * the live counts a backup records both classify records from these two entries.
 */
public final class ChangeMerge {
  private ChangeMerge() {}

  /** Receives each Id once, in ascending order. */
  public interface Visitor {
    /**
     * @param first the segment holding the Id's first version, and {@code firstAt} its entry
     * @param last the segment holding its last version, and {@code lastAt} its entry
     */
    void visit(
        String id,
        ChangeIndex.OfSegment first,
        int firstAt,
        ChangeIndex.OfSegment last,
        int lastAt);
  }

  /** Visits every Id of {@code segments} (listed in manifest order). */
  public static void forEach(List<ChangeIndex.OfSegment> segments, Visitor visitor) {
    int n = segments.size();
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
        if (newer(segments, first, firstAt, s, at[s])) {
          first = s;
          firstAt = at[s];
        }
        if (newer(segments, s, at[s], last, lastAt)) {
          last = s;
          lastAt = at[s];
        }
        advance(segments, s, at, heads);
      }
      visitor.visit(id, segments.get(first), firstAt, segments.get(last), lastAt);
    }
  }

  /** Whether entry {@code i} of segment {@code s} is newer than entry {@code j} of {@code t}. */
  private static boolean newer(List<ChangeIndex.OfSegment> segments, int s, int i, int t, int j) {
    long bs = segments.get(s).backup();
    long bt = segments.get(t).backup();
    if (bs != bt) {
      return bs > bt;
    }
    // One Id in two segments of one backup: rare, so the rows are read for their SystemModstamps.
    String id = segments.get(s).index().id(i);
    long ms = segments.get(s).systemModstamp().applyAsLong(id);
    long mt = segments.get(t).systemModstamp().applyAsLong(id);
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
