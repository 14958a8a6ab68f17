package io.orgvault.engine.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A k-way merge of sorted runs (segments) of one object, streaming: for each Id it yields the
 * winning version only. The winner is the version from the latest backup; within one backup the
 * higher SystemModstamp; then the segment written later. Tombstones win like any version and are
 * then dropped unless asked for.
 */
final class SortedRunMerge implements RecordStream {

  /** One input run. {@code backup} and {@code order} rank it; higher wins. */
  record Run(SegmentReader reader, long backup, int order) {}

  private static final class Cursor {
    final Run run;
    final Iterator<RecordVersion> rows;
    RecordVersion head;

    Cursor(Run run, String afterId) {
      this.run = run;
      this.rows = afterId == null ? run.reader().rows() : run.reader().rowsAfter(afterId);
      advance();
    }

    void advance() {
      head = rows.hasNext() ? rows.next() : null;
    }
  }

  static final Comparator<RecordVersion> BY_ID = Comparator.comparing(RecordVersion::id);

  private final List<Run> runs;
  private final PriorityQueue<Cursor> queue =
      new PriorityQueue<>(Comparator.comparing((Cursor c) -> c.head.id()));
  private final boolean keepTombstones;
  private RecordVersion next;
  private boolean closed;

  SortedRunMerge(List<Run> runs, boolean keepTombstones) {
    this(runs, keepTombstones, null);
  }

  /** A merge of the rows with Ids greater than {@code afterId} (null: all rows). */
  SortedRunMerge(List<Run> runs, boolean keepTombstones, String afterId) {
    this.runs = new ArrayList<>(runs);
    this.keepTombstones = keepTombstones;
    try {
      for (Run r : runs) {
        Cursor c = new Cursor(r, afterId);
        if (c.head != null) {
          queue.add(c);
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Whether version {@code a} from {@code ra} beats version {@code b} from {@code rb}. */
  static boolean beats(
      RecordVersion a, long backupA, int orderA, RecordVersion b, long backupB, int orderB) {
    if (backupA != backupB) {
      return backupA > backupB;
    }
    if (a.systemModstamp() != b.systemModstamp()) {
      return a.systemModstamp() > b.systemModstamp();
    }
    return orderA > orderB;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !queue.isEmpty()) {
      Cursor first = queue.poll();
      String id = first.head.id();
      RecordVersion best = first.head;
      Run bestRun = first.run;
      List<Cursor> same = new ArrayList<>();
      same.add(first);
      while (!queue.isEmpty() && queue.peek().head.id().equals(id)) {
        Cursor c = queue.poll();
        same.add(c);
        if (beats(c.head, c.run.backup(), c.run.order(), best, bestRun.backup(), bestRun.order())) {
          best = c.head;
          bestRun = c.run;
        }
      }
      for (Cursor c : same) {
        c.advance();
        if (c.head != null) {
          queue.add(c);
        }
      }
      if (keepTombstones || !best.isTombstone()) {
        next = best;
      }
    }
    if (next == null) {
      close();
    }
    return next != null;
  }

  @Override
  public RecordVersion next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RecordVersion v = next;
    next = null;
    return v;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      queue.clear();
      for (Run r : runs) {
        r.reader().close();
      }
    }
  }
}
