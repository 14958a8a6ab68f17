package io.orgvault.engine.store;

import java.util.List;
import java.util.Optional;

/**
 * The state of the org at one backup: for each object the newest version of each Id across the
 * segments its manifest lists, minus tombstones.
 */
public final class Snapshot {
  private final RecordStore store;
  private final Manifest manifest;

  Snapshot(RecordStore store, Manifest manifest) {
    this.store = store;
    this.manifest = manifest;
  }

  public long backupNumber() {
    return manifest.backupNumber();
  }

  public Manifest manifest() {
    return manifest;
  }

  public List<String> objects() {
    return manifest.objects().stream().map(Manifest.ObjectEntry::name).toList();
  }

  /** The describe schema recorded by this backup for {@code object}. */
  public List<FieldSchema> schema(String object) {
    return entry(object).schema();
  }

  /** Live records of {@code object} in Id order, streaming. */
  public RecordStream records(String object) {
    return store.merge(entry(object).segments(), object, false);
  }

  /**
   * Live records of {@code object} with an Id greater than {@code afterId}, in Id order, streaming;
   * each segment starts at the block that may hold the first of them.
   */
  public RecordStream recordsAfter(String object, String afterId) {
    RecordVersion.requireId(afterId);
    return store.merge(entry(object).segments(), object, false, afterId);
  }

  /** The live version of one record, or empty if absent or deleted at this backup. */
  public Optional<RecordVersion> get(String object, String id) {
    RecordVersion.requireId(id);
    Manifest.ObjectEntry e = manifest.object(object).orElse(null);
    if (e == null) {
      return Optional.empty();
    }
    List<Manifest.SegmentEntry> segs = e.segments();
    HistoryEntry best = null;
    int bestOrder = -1;
    for (int i = 0; i < segs.size(); i++) {
      Optional<RecordVersion> v = store.lookup(segs.get(i), object, id);
      if (v.isPresent()) {
        long b = segs.get(i).backup();
        if (best == null
            || SortedRunMerge.beats(
                v.get(), b, i, best.version(), best.backupNumber(), bestOrder)) {
          best = new HistoryEntry(b, v.get());
          bestOrder = i;
        }
      }
    }
    return best == null || best.version().isTombstone()
        ? Optional.empty()
        : Optional.of(best.version());
  }

  /**
   * The Ids (ascending, after {@code afterId}, null: all) that the segments' text indexes name for
   * rows holding every query word as a word prefix in the {@code searchable} fields ({@link
   * TextTokens}); each must still be checked against this backup's version. Empty if a segment of
   * the object has no text index (format version 1): search by scan then.
   */
  public Optional<TextCandidates> textCandidates(
      String object, List<String> queryWords, List<String> searchable, String afterId) {
    if (afterId != null) {
      RecordVersion.requireId(afterId);
    }
    return TextCandidates.open(
        store, entry(object).segments(), object, queryWords, searchable, afterId);
  }

  /**
   * Point lookups of {@code object} at this backup for Ids asked in ascending order, each segment
   * keeping its last block; close it to release the segment files.
   */
  public AscendingLookup ascendingLookup(String object) {
    return new AscendingLookup(store, manifest, object);
  }

  private Manifest.ObjectEntry entry(String object) {
    return manifest
        .object(object)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "backup " + manifest.backupNumber() + " has no object " + object));
  }
}
