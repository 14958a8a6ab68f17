package io.orgvault.engine.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Point lookups of one object at one backup for Ids asked in ascending order, as a compare asks for
 * the earlier version of each changed record. Each segment keeps its last decrypted block and the
 * position reached in it, so consecutive Ids in one block cost one decryption and one forward scan
 * between them instead of a decryption and a scan from the block's start each.
 */
public final class AscendingLookup implements AutoCloseable {
  private final RecordStore store;
  private final String object;
  private final List<SegmentCursor> segments = new ArrayList<>();
  private String lastId;

  private final class SegmentCursor {
    final Manifest.SegmentEntry entry;
    final int order;
    SegmentReader reader;
    int block = -1;
    ByteReader rows;

    SegmentCursor(Manifest.SegmentEntry entry, int order) {
      this.entry = entry;
      this.order = order;
    }

    Optional<RecordVersion> find(String id) {
      if (id.compareTo(entry.minId()) < 0 || id.compareTo(entry.maxId()) > 0) {
        return Optional.empty();
      }
      if (reader == null) {
        reader = store.openSegment(entry, object);
      }
      SegmentFooter footer = reader.footer();
      if (!footer.filter().mightContain(id)) {
        return Optional.empty();
      }
      List<SegmentFooter.BlockEntry> blocks = footer.blocks();
      int lo = Math.max(block, 0);
      int hi = blocks.size() - 1;
      while (lo < hi) { // the last block whose first Id <= id
        int mid = (lo + hi + 1) >>> 1;
        if (blocks.get(mid).firstId().compareTo(id) <= 0) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      if (lo != block) {
        block = lo;
        rows = new ByteReader(reader.blockBytes(lo));
      }
      try {
        while (!rows.atEnd()) {
          int frameStart = rows.position();
          int length = rows.count(rows.remaining());
          if (length < 1 + RecordVersion.ID_LENGTH) {
            throw new ByteReader.Malformed("row shorter than its Id");
          }
          int rowStart = rows.position();
          rows.skip(1);
          int c = rows.ascii(RecordVersion.ID_LENGTH).compareTo(id);
          if (c < 0) {
            rows.reset(rowStart);
            rows.skip(length);
            continue;
          }
          rows.reset(frameStart); // the next, larger Id may be this row
          if (c > 0) {
            return Optional.empty();
          }
          RecordVersion v = RowCodec.decodeFramed(rows, object, footer.fields());
          rows.reset(frameStart);
          return Optional.of(v);
        }
        return Optional.empty();
      } catch (ByteReader.Malformed e) {
        throw new StoreCorruptedException(
            reader.file(),
            DamageKind.BLOCK_MALFORMED,
            blocks.get(block).offset(),
            block,
            e.getMessage());
      }
    }
  }

  AscendingLookup(RecordStore store, Manifest manifest, String object) {
    this.store = store;
    this.object = object;
    List<Manifest.SegmentEntry> entries =
        manifest.object(object).map(Manifest.ObjectEntry::segments).orElse(List.of());
    for (int i = 0; i < entries.size(); i++) {
      segments.add(new SegmentCursor(entries.get(i), i));
    }
  }

  /**
   * The winning version of {@code id} at this backup, tombstone included, or empty if no segment
   * holds it. Ids must not decrease from one call to the next.
   */
  public Optional<RecordVersion> winner(String id) {
    RecordVersion.requireId(id);
    if (lastId != null && id.compareTo(lastId) < 0) {
      throw new IllegalArgumentException("Ids must be asked in ascending order");
    }
    lastId = id;
    RecordVersion best = null;
    SegmentCursor bestSegment = null;
    for (SegmentCursor s : segments) {
      Optional<RecordVersion> v = s.find(id);
      if (v.isPresent()
          && (best == null
              || SortedRunMerge.beats(
                  v.get(),
                  s.entry.backup(),
                  s.order,
                  best,
                  bestSegment.entry.backup(),
                  bestSegment.order))) {
        best = v.get();
        bestSegment = s;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The live version of {@code id} at this backup: empty if absent or deleted. */
  public Optional<RecordVersion> live(String id) {
    return winner(id).filter(v -> !v.isTombstone());
  }

  @Override
  public void close() {
    for (SegmentCursor s : segments) {
      if (s.reader != null) {
        s.reader.close();
        s.reader = null;
      }
    }
  }
}
