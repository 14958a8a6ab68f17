package io.orgvault.engine.browse;

import io.orgvault.engine.export.ValueText;
import io.orgvault.engine.store.AscendingLookup;
import io.orgvault.engine.store.CursorSeal;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.InvalidCursorException;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.engine.store.TextCandidates;
import io.orgvault.engine.store.TextTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Browsing one backup: its objects with counts, an object's records paged in Id order, a record by
 * Id, records by field equality, and a text search on name- and email-like fields. Pages start at
 * the block that holds the cursor's Id ({@link Snapshot#recordsAfter}); the text search, and the
 * equality search on a searchable field, take their candidates from the segments' text indexes
 * ({@link Snapshot#textCandidates}) and check each against the version this backup reads.
 */
public final class BackupBrowser {
  /** The most records one page may hold. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** The shortest text a search accepts: shorter ones match nearly everything. */
  public static final int MIN_SEARCH_CHARS = 2;

  static final String CURSOR_PURPOSE = "browse";

  private final RecordStore store;
  private final Snapshot snapshot;

  public BackupBrowser(RecordStore store, long backup) {
    this.store = store;
    this.snapshot = store.snapshot(backup);
  }

  public long backup() {
    return snapshot.backupNumber();
  }

  /**
   * Every object of the backup with its live record count: the count the backup recorded in its
   * manifest, else (manifests written before counts were) by reading the object once.
   */
  public List<ObjectCount> objects() {
    List<ObjectCount> out = new ArrayList<>();
    for (String object : snapshot.objects()) {
      OptionalLong recorded =
          snapshot.manifest().object(object).orElseThrow().liveRecordsIfRecorded();
      if (recorded.isPresent()) {
        out.add(new ObjectCount(object, recorded.getAsLong(), snapshot.schema(object).size()));
        continue;
      }
      long n = 0;
      try (RecordStream rs = snapshot.records(object)) {
        while (rs.hasNext()) {
          rs.next();
          n++;
        }
      }
      out.add(new ObjectCount(object, n, snapshot.schema(object).size()));
    }
    return out;
  }

  public Optional<RecordVersion> get(String object, String id) {
    return snapshot.get(object, id);
  }

  /** The records of {@code object} in Id order, a page at a time. */
  public RecordPage records(String object, String cursor, int limit) {
    return page(object, "all", v -> true, cursor, limit);
  }

  /**
   * The records whose {@code field} has the value {@code text} in its export form ({@link
   * ValueText}; the empty text matches blank). When the field is searchable and the text has words,
   * the segments' text indexes name the candidates, each then compared by value.
   */
  public RecordPage whereEquals(
      String object, String field, String text, String cursor, int limit) {
    List<FieldSchema> schema = snapshot.schema(object);
    if (schema.stream().noneMatch(f -> f.name().equals(field))) {
      throw new IllegalArgumentException(
          "backup " + backup() + " has no field " + object + "." + field);
    }
    List<String> words = TextTokens.words(text);
    List<String> indexWords = null;
    if (!words.isEmpty() && searchableFields(schema).contains(field)) {
      indexWords = words;
    }
    return page(
        object,
        "eq\n" + field + "\n" + text,
        v -> ValueText.text(v.fields().get(field)).equals(text),
        indexWords,
        List.of(field),
        cursor,
        limit);
  }

  /**
   * The records where every word of {@code text} starts a word (case-insensitive; words are runs of
   * letters and digits, see {@link TextTokens}) of a name- or email-like field: {@code Name},
   * fields ending in {@code Name}, {@code Title}, {@code Subject}, and fields of type email or
   * phone. The segments' text indexes name the candidates; segments of format version 1 have none
   * and are read in full.
   */
  public RecordPage search(String object, String text, String cursor, int limit) {
    if (text == null || text.strip().length() < MIN_SEARCH_CHARS) {
      throw new IllegalArgumentException(
          "a search needs at least " + MIN_SEARCH_CHARS + " characters");
    }
    List<String> words = TextTokens.words(text);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a search needs at least one letter or digit");
    }
    List<String> fields = searchableFields(snapshot.schema(object));
    return page(
        object,
        "text\n" + String.join(" ", words),
        v -> TextTokens.matches(v.fields(), fields, words),
        words,
        fields,
        cursor,
        limit);
  }

  /** The fields {@link #search} looks at ({@link TextTokens#searchableFields}). */
  public static List<String> searchableFields(List<FieldSchema> schema) {
    return TextTokens.searchableFields(schema);
  }

  private RecordPage page(
      String object, String query, Predicate<RecordVersion> keep, String cursor, int limit) {
    return page(object, query, keep, null, List.of(), cursor, limit);
  }

  /**
   * One page of the live records that {@code keep} accepts. With {@code indexWords}, only the
   * candidates the text indexes name for them (in {@code indexedFields}) are looked up and tested;
   * without, or when a segment has no index, every record after the cursor is.
   */
  private RecordPage page(
      String object,
      String query,
      Predicate<RecordVersion> keep,
      List<String> indexWords,
      List<String> indexedFields,
      String cursor,
      int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size must be 1.." + MAX_PAGE_SIZE + ", got " + limit);
    }
    snapshot.schema(object); // an unknown object fails here, before any cursor is read
    String afterId = cursor == null ? null : openCursor(object, query, cursor);
    List<RecordVersion> out = new ArrayList<>();
    Optional<TextCandidates> candidates =
        indexWords == null
            ? Optional.empty()
            : snapshot.textCandidates(object, indexWords, indexedFields, afterId);
    if (candidates.isPresent()) {
      try (TextCandidates ids = candidates.get();
          AscendingLookup versions = snapshot.ascendingLookup(object)) {
        while (ids.hasNext()) {
          Optional<RecordVersion> v = versions.live(ids.next());
          if (v.isEmpty() || !keep.test(v.get())) {
            continue; // superseded, deleted, or a row the index could not narrow
          }
          if (out.size() == limit) {
            return new RecordPage(
                out, Optional.of(sealCursor(object, query, out.get(limit - 1).id())));
          }
          out.add(v.get());
        }
      }
      return new RecordPage(out, Optional.empty());
    }
    try (RecordStream rs =
        afterId == null ? snapshot.records(object) : snapshot.recordsAfter(object, afterId)) {
      while (rs.hasNext()) {
        RecordVersion v = rs.next();
        if (!keep.test(v)) {
          continue;
        }
        if (out.size() == limit) {
          return new RecordPage(
              out, Optional.of(sealCursor(object, query, out.get(limit - 1).id())));
        }
        out.add(v);
      }
    }
    return new RecordPage(out, Optional.empty());
  }

  private String sealCursor(String object, String query, String lastId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(store.tenantId());
      out.writeLong(backup());
      out.writeUTF(object);
      out.writeUTF(query);
      out.writeUTF(lastId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CursorSeal.of(store, CURSOR_PURPOSE).seal(bytes.toByteArray());
  }

  private String openCursor(String object, String query, String cursor) {
    byte[] payload = CursorSeal.of(store, CURSOR_PURPOSE).open(cursor);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      boolean same =
          in.readUTF().equals(store.tenantId())
              & in.readLong() == backup()
              & in.readUTF().equals(object)
              & in.readUTF().equals(query);
      String id = in.readUTF();
      if (!same) {
        throw new InvalidCursorException("the cursor belongs to another listing");
      }
      return id;
    } catch (IOException e) {
      throw new InvalidCursorException("not a cursor of this store");
    }
  }
}
