package io.orgvault.engine.store;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The Ids, ascending and distinct, of the rows that the text indexes of one object's segments at
 * one backup name for a query. A candidate may be a superseded or deleted version, or (for rows
 * that hit a word limit) not match at all: the caller checks each against the version the backup
 * reads. Holds the segments open; close it.
 */
public final class TextCandidates implements Iterator<String>, AutoCloseable {
  private record Head(String id, Iterator<String> rest) {}

  private final List<SegmentReader> readers;
  private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.id().compareTo(b.id()));
  private String last;

  private TextCandidates(List<SegmentReader> readers) {
    this.readers = readers;
  }

  /**
   * Candidates for rows holding, for every word of {@code indexWords}, an index word it starts, in
   * the fields {@code searchable}; only Ids after {@code afterId} (null: all). Empty if a listed
   * segment has no text index (format version 1): the caller scans then.
   */
  static Optional<TextCandidates> open(
      RecordStore store,
      List<Manifest.SegmentEntry> segments,
      String object,
      List<String> indexWords,
      List<String> searchable,
      String afterId) {
    List<SegmentReader> readers = new ArrayList<>();
    TextCandidates c = new TextCandidates(readers);
    try {
      for (Manifest.SegmentEntry s : segments) {
        if (afterId != null && s.maxId().compareTo(afterId) <= 0) {
          continue;
        }
        SegmentReader r = store.openSegment(s, object);
        readers.add(r);
        if (!r.hasTextIndex()) {
          c.close();
          return Optional.empty();
        }
        BitSet rows;
        if (indexesAll(r.footer().fields(), searchable)) {
          rows = r.textIndex().candidates(indexWords);
        } else {
          rows = new BitSet();
          rows.set(0, (int) r.footer().rows());
        }
        Iterator<String> ids = r.idsAt(rows, afterId);
        if (ids.hasNext()) {
          c.heads.add(new Head(ids.next(), ids));
        }
      }
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return Optional.of(c);
  }

  /**
   * True if the segment indexed every field the query searches that its rows can hold: a field
   * whose type made it searchable only in a later schema was not indexed, so every row of such a
   * segment is a candidate.
   */
  private static boolean indexesAll(FieldDictionary fields, List<String> searchable) {
    List<String> indexed = TextTokens.searchableFields(fields.fields());
    for (String f : searchable) {
      if (fields.indexOf(f) >= 0 && !indexed.contains(f)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean hasNext() {
    while (!heads.isEmpty() && heads.peek().id().equals(last)) {
      advance(heads.poll());
    }
    return !heads.isEmpty();
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Head h = heads.poll();
    last = h.id();
    advance(h);
    return last;
  }

  private void advance(Head h) {
    if (h.rest().hasNext()) {
      heads.add(new Head(h.rest().next(), h.rest()));
    }
  }

  @Override
  public void close() {
    readers.forEach(SegmentReader::close);
  }
}
