package io.orgvault.engine.browse;

import io.orgvault.engine.export.ValueText;
import io.orgvault.engine.store.CursorSeal;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.InvalidCursorException;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Browsing one backup: its objects with counts, an object's records paged in Id order, a record by
 * Id, records by field equality, and a text search on name- and email-like fields. Pages start at
 * the block that holds the cursor's Id ({@link Snapshot#recordsAfter}); the equality and text
 * searches test every record after the cursor until a page is full (not indexed yet: see
 * docs/compare.md).
 */
public final class BackupBrowser {
  /** The most records one page may hold. */
  public static final int MAX_PAGE_SIZE = 1000;

  /** The shortest text a search accepts: shorter ones match nearly everything. */
  public static final int MIN_SEARCH_CHARS = 2;

  /** Salesforce types searched by text besides name-like string fields. */
  static final Set<String> TEXT_SEARCH_TYPES = Set.of("email", "phone");

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

  /** Every object of the backup with its live record count (counting reads each object once). */
  public List<ObjectCount> objects() {
    List<ObjectCount> out = new ArrayList<>();
    for (String object : snapshot.objects()) {
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
   * ValueText}; the empty text matches blank).
   */
  public RecordPage whereEquals(
      String object, String field, String text, String cursor, int limit) {
    if (snapshot.schema(object).stream().noneMatch(f -> f.name().equals(field))) {
      throw new IllegalArgumentException(
          "backup " + backup() + " has no field " + object + "." + field);
    }
    return page(
        object,
        "eq\n" + field + "\n" + text,
        v -> ValueText.text(v.fields().get(field)).equals(text),
        cursor,
        limit);
  }

  /**
   * The records with {@code text} (case-insensitive) in a name- or email-like field: {@code Name},
   * fields ending in {@code Name}, {@code Title}, {@code Subject}, and fields of type email or
   * phone.
   */
  public RecordPage search(String object, String text, String cursor, int limit) {
    if (text == null || text.strip().length() < MIN_SEARCH_CHARS) {
      throw new IllegalArgumentException(
          "a search needs at least " + MIN_SEARCH_CHARS + " characters");
    }
    String needle = text.strip().toLowerCase(Locale.ROOT);
    List<String> fields = searchableFields(snapshot.schema(object));
    return page(
        object,
        "text\n" + needle,
        v -> {
          for (String f : fields) {
            if (v.fields().get(f) instanceof String s
                && s.toLowerCase(Locale.ROOT).contains(needle)) {
              return true;
            }
          }
          return false;
        },
        cursor,
        limit);
  }

  /** The fields {@link #search} looks at. */
  public static List<String> searchableFields(List<FieldSchema> schema) {
    List<String> out = new ArrayList<>();
    for (FieldSchema f : schema) {
      String n = f.name();
      boolean nameLike =
          f.type().equals("string")
              && (n.endsWith("Name") || n.equals("Title") || n.equals("Subject"));
      if (nameLike || TEXT_SEARCH_TYPES.contains(f.type())) {
        out.add(n);
      }
    }
    return out;
  }

  private RecordPage page(
      String object, String query, Predicate<RecordVersion> keep, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size must be 1.." + MAX_PAGE_SIZE + ", got " + limit);
    }
    snapshot.schema(object); // an unknown object fails here, before any cursor is read
    String afterId = cursor == null ? null : openCursor(object, query, cursor);
    List<RecordVersion> out = new ArrayList<>();
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
