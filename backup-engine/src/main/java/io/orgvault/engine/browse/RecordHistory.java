package io.orgvault.engine.browse;

import io.orgvault.engine.compare.FieldChange;
import io.orgvault.engine.compare.ValueEquality;
import io.orgvault.engine.store.HistoryEntry;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every version of one record across the backups, and the record as of a date. Both are point
 * lookups through the segments' Id ranges, Id filters and block indexes; nothing is scanned.
 */
public final class RecordHistory {
  static final String LAST_MODIFIED_BY_ID = "LastModifiedById";
  static final String LAST_MODIFIED_DATE = "LastModifiedDate";

  private final RecordStore store;

  public RecordHistory(RecordStore store) {
    this.store = Objects.requireNonNull(store);
  }

  /** Oldest first: each version with its backup, what changed and who changed it. */
  public List<HistoryVersion> versions(String object, String id) {
    List<Long> live = store.backups();
    Map<Long, Optional<Instant>> times = new HashMap<>();
    List<HistoryVersion> out = new ArrayList<>();
    RecordVersion previousLive = null;
    boolean deleted = false;
    boolean first = true;
    for (HistoryEntry e : store.history(object, id)) {
      RecordVersion v = e.version();
      Optional<Instant> time =
          times.computeIfAbsent(
              e.backupNumber(),
              n ->
                  live.contains(n) ? Optional.of(store.manifest(n).createdAt()) : Optional.empty());
      VersionKind kind;
      List<FieldChange> changes = List.of();
      if (v.isTombstone()) {
        kind = VersionKind.DELETED;
        deleted = true;
      } else {
        kind = first ? VersionKind.FIRST : deleted ? VersionKind.RESTORED : VersionKind.CHANGED;
        if (previousLive != null) {
          changes = diff(previousLive, v);
        }
        previousLive = v;
        deleted = false;
      }
      first = false;
      out.add(
          new HistoryVersion(
              e.backupNumber(),
              time,
              kind,
              changes,
              v.fields().get(LAST_MODIFIED_BY_ID) instanceof String s ? s : null,
              v.fields().get(LAST_MODIFIED_DATE) instanceof Instant i ? i : null,
              v));
    }
    return out;
  }

  /** The most versions one page may hold. */
  public static final int MAX_PAGE_SIZE = 1000;

  /**
   * One page of {@link #versions(String, String)}: at most {@code limit} versions after {@code
   * after} (null: from the first). Kinds and changes are those of the whole history (a page's first
   * version is compared with the version before it).
   */
  public HistoryPage versions(String object, String id, HistoryPage.Position after, int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size must be 1.." + MAX_PAGE_SIZE + ", got " + limit);
    }
    List<HistoryVersion> page = new ArrayList<>();
    boolean more = false;
    for (HistoryVersion v : versions(object, id)) {
      if (after != null && !after.before(v)) {
        continue;
      }
      if (page.size() == limit) {
        more = true;
        break;
      }
      page.add(v);
    }
    if (!more) {
      return new HistoryPage(page, Optional.empty());
    }
    HistoryVersion last = page.get(page.size() - 1);
    return new HistoryPage(
        page,
        Optional.of(new HistoryPage.Position(last.backup(), last.version().systemModstamp())));
  }

  /**
   * The record as of {@code at}: its live version in the latest backup made at or before it.
   *
   * @throws IllegalArgumentException if no backup was made at or before {@code at}
   */
  public AsOfVersion asOf(String object, String id, Instant at) {
    List<Long> backups = store.backups();
    for (int i = backups.size() - 1; i >= 0; i--) {
      Manifest m = store.manifest(backups.get(i));
      if (!m.createdAt().isAfter(at)) {
        Optional<RecordVersion> v =
            m.object(object).isPresent()
                ? store.snapshot(m.backupNumber()).get(object, id)
                : Optional.empty();
        return new AsOfVersion(m.backupNumber(), m.createdAt(), v);
      }
    }
    throw new IllegalArgumentException("no backup was made at or before " + at);
  }

  private static List<FieldChange> diff(RecordVersion before, RecordVersion after) {
    List<FieldChange> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : after.fields().entrySet()) {
      if (before.fields().containsKey(e.getKey())
          && !ValueEquality.same(before.fields().get(e.getKey()), e.getValue())) {
        out.add(new FieldChange(e.getKey(), before.fields().get(e.getKey()), e.getValue()));
      }
    }
    return out;
  }
}
