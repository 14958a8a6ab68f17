package io.orgvault.engine.compare;

import io.orgvault.engine.store.AscendingLookup;
import io.orgvault.engine.store.CursorSeal;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.InvalidCursorException;
import io.orgvault.engine.store.Manifest;
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
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compare(A, B) between two backups of one store, A earlier than B. For each object it reads only
 * the segments written after A up to B ({@link RecordStore#changesBetween}), which give the newest
 * version of every record that changed in between, and looks each such Id up at A in ascending
 * order ({@link AscendingLookup}). Unchanged records are never read. Rules (docs/compare.md):
 *
 * <ul>
 *   <li>live at B, not at A: {@link ChangeKind#ADDED}; live at A, a tombstone at B: {@link
 *       ChangeKind#DELETED}; live at both: {@link ChangeKind#CHANGED} if a field differs, else not
 *       reported (a record deleted and undeleted in between is compared like any other);
 *   <li>a record created and deleted between A and B, or deleted before A and still deleted, is not
 *       reported;
 *   <li>only fields both schemas have are compared by value; fields only one side has are in the
 *       {@link SchemaDiff}; a field the version at A was written without (its segment predates the
 *       field) was not captured at A and is not reported as changed.
 * </ul>
 */
public final class Comparison {
  /** The most changes one page may hold: bounds the memory and time of one request. */
  public static final int MAX_PAGE_SIZE = 1000;

  static final String CURSOR_PURPOSE = "compare";

  private final RecordStore store;
  private final long from;
  private final long to;
  private final Snapshot before;
  private final Manifest toManifest;
  private final Map<String, SchemaDiff> schemas = new LinkedHashMap<>();

  private Comparison(RecordStore store, long from, long to) {
    this.store = store;
    this.from = from;
    this.to = to;
    this.before = store.snapshot(from);
    this.toManifest = store.manifest(to);
    Set<String> names = new TreeSet<>();
    before.manifest().objects().forEach(o -> names.add(o.name()));
    toManifest.objects().forEach(o -> names.add(o.name()));
    for (String name : names) {
      schemas.put(
          name,
          SchemaDiff.of(
              name,
              before.manifest().object(name).map(Manifest.ObjectEntry::schema).orElse(null),
              toManifest.object(name).map(Manifest.ObjectEntry::schema).orElse(null)));
    }
  }

  /**
   * @throws IllegalArgumentException unless {@code from < to} and both are backups of the store
   */
  public static Comparison between(RecordStore store, long from, long to) {
    if (from >= to) {
      throw new IllegalArgumentException(
          "compare needs an earlier backup first, got " + from + " and " + to);
    }
    List<Long> backups = store.backups();
    for (long n : List.of(from, to)) {
      if (!backups.contains(n)) {
        throw new IllegalArgumentException("no backup " + n + " in this store");
      }
    }
    return new Comparison(store, from, to);
  }

  public long from() {
    return from;
  }

  public long to() {
    return to;
  }

  /** Every object either backup has, in name order. */
  public List<String> objects() {
    return List.copyOf(schemas.keySet());
  }

  public SchemaDiff schema(String object) {
    SchemaDiff d = schemas.get(object);
    if (d == null) {
      throw new IllegalArgumentException("neither backup has object " + object);
    }
    return d;
  }

  /**
   * Counts per object of the changes the filter keeps, equal to counting {@link #stream}. An object
   * whose segments written in (A, B] all have change indexes (segment format 3) is counted from
   * those alone ({@link IndexedCounts}); others, and every object when the filter names fields, by
   * reading what {@link #stream} reads.
   */
  public CompareSummary summary(CompareFilter filter) {
    requireKnownObjects(filter);
    List<ObjectSummary> out = new ArrayList<>();
    Snapshot after = null;
    for (String o : schemas.keySet()) {
      if (!filter.includesObject(o)) {
        continue;
      }
      SchemaDiff schema = schemas.get(o);
      long[] n = null;
      if (!schema.inTo()) {
        n = new long[ChangeKind.values().length]; // not backed up by B: nothing to report
      } else if (filter.fields().isEmpty()) {
        if (after == null) {
          after = store.snapshot(to);
        }
        n =
            IndexedCounts.count(store, before, after, o, schema.inFrom(), comparable(o), filter)
                .orElse(null);
      }
      if (n == null) {
        n = new long[ChangeKind.values().length];
        try (ChangeStream s = new Changes(filter, List.of(o), null, null)) {
          while (s.hasNext()) {
            n[s.next().kind().ordinal()]++;
          }
        }
      }
      out.add(
          new ObjectSummary(
              o,
              n[ChangeKind.ADDED.ordinal()],
              n[ChangeKind.DELETED.ordinal()],
              n[ChangeKind.CHANGED.ordinal()],
              schema));
    }
    return new CompareSummary(from, to, out);
  }

  /** The fields both backups' schemas list for {@code object}: the ones compared by value. */
  private Set<String> comparable(String object) {
    Set<String> both = new HashSet<>();
    SchemaDiff schema = schemas.get(object);
    if (schema.inFrom() && schema.inTo()) {
      Set<String> a = new HashSet<>();
      before.manifest().object(object).orElseThrow().schema().forEach(f -> a.add(f.name()));
      for (FieldSchema f : toManifest.object(object).orElseThrow().schema()) {
        if (a.contains(f.name())) {
          both.add(f.name());
        }
      }
    }
    return both;
  }

  /**
   * The compared fields that differ between the live versions at A and at B: fields in {@code
   * comparable}, held by both versions (a field the version at A lacks was not captured then), and
   * kept by the field filter ({@code fields}, empty: all).
   */
  static List<FieldChange> changedFields(
      RecordVersion old, RecordVersion after, Set<String> comparable, Set<String> fields) {
    List<FieldChange> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : after.fields().entrySet()) {
      String f = e.getKey();
      if (comparable.contains(f)
          && old.fields().containsKey(f)
          && (fields.isEmpty() || fields.contains(f))
          && !ValueEquality.same(old.fields().get(f), e.getValue())) {
        out.add(new FieldChange(f, old.fields().get(f), e.getValue()));
      }
    }
    return out;
  }

  /**
   * All changes the filter keeps, in object-name then Id order, streaming.
   *
   * @throws IllegalArgumentException if the filter names an object neither backup has
   */
  public ChangeStream stream(CompareFilter filter) {
    return new Changes(filter, null, null, null);
  }

  private void requireKnownObjects(CompareFilter filter) {
    for (String o : filter.objects()) {
      if (!schemas.containsKey(o)) {
        throw new IllegalArgumentException(
            "neither backup " + from + " nor " + to + " has object " + o);
      }
    }
  }

  /**
   * One page of at most {@code limit} changes, starting after {@code cursor} (null: from the
   * start).
   *
   * @throws InvalidCursorException if the cursor was not made by this store for this comparison and
   *     filter
   */
  public ComparePage page(CompareFilter filter, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size must be 1.." + MAX_PAGE_SIZE + ", got " + limit);
    }
    String startObject = null;
    String afterId = null;
    if (cursor != null) {
      Position p = openCursor(filter, cursor);
      startObject = p.object();
      afterId = p.id();
    }
    List<RecordChange> out = new ArrayList<>();
    try (ChangeStream s = new Changes(filter, null, startObject, afterId)) {
      while (out.size() < limit && s.hasNext()) {
        out.add(s.next());
      }
      if (!s.hasNext()) {
        return new ComparePage(out, Optional.empty());
      }
    }
    RecordChange last = out.get(out.size() - 1);
    return new ComparePage(out, Optional.of(sealCursor(filter, last.object(), last.id())));
  }

  // ---- the cursor: which tenant, comparison and filter it belongs to, and where it stopped ----

  private record Position(String object, String id) {}

  private String sealCursor(CompareFilter filter, String object, String id) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(store.tenantId());
      out.writeLong(from);
      out.writeLong(to);
      out.write(filter.digest());
      out.writeUTF(object);
      out.writeUTF(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CursorSeal.of(store, CURSOR_PURPOSE).seal(bytes.toByteArray());
  }

  private Position openCursor(CompareFilter filter, String cursor) {
    byte[] payload = CursorSeal.of(store, CURSOR_PURPOSE).open(cursor);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      String tenant = in.readUTF();
      long f = in.readLong();
      long t = in.readLong();
      byte[] digest = in.readNBytes(32);
      String object = in.readUTF();
      String id = in.readUTF();
      if (!tenant.equals(store.tenantId()) || f != from || t != to) {
        throw new InvalidCursorException("the cursor belongs to another comparison");
      }
      if (!MessageDigest.isEqual(digest, filter.digest())) {
        throw new InvalidCursorException("the cursor was made with another filter");
      }
      if (!schemas.containsKey(object) || !filter.includesObject(object)) {
        throw new InvalidCursorException("the cursor names an object outside the comparison");
      }
      return new Position(object, id);
    } catch (IOException e) {
      throw new InvalidCursorException("not a cursor of this store");
    }
  }

  // ---- the stream ----

  private final class Changes implements ChangeStream {
    private final CompareFilter filter;
    private final List<String> objects;
    private final String afterId;
    private final String startObject;
    private int nextObject;
    private String object;
    private RecordStream changed;
    private AscendingLookup earlier;
    private Set<String> comparable;
    private RecordChange next;
    private boolean closed;

    /**
     * @param only the objects to read (null: all the filter keeps)
     */
    Changes(CompareFilter filter, List<String> only, String startObject, String afterId) {
      requireKnownObjects(filter);
      this.filter = filter;
      List<String> names = new ArrayList<>();
      for (String o : only != null ? only : schemas.keySet()) {
        if (filter.includesObject(o) && (startObject == null || o.compareTo(startObject) >= 0)) {
          names.add(o);
        }
      }
      this.objects = names;
      this.startObject = startObject;
      this.afterId = afterId;
    }

    @Override
    public boolean hasNext() {
      while (next == null && !closed) {
        if (changed == null) {
          if (nextObject == objects.size()) {
            close();
            return false;
          }
          openObject(objects.get(nextObject++));
          continue;
        }
        if (!changed.hasNext()) {
          closeObject();
          continue;
        }
        RecordVersion v = changed.next();
        if (afterId != null && object.equals(startObject) && v.id().compareTo(afterId) <= 0) {
          continue;
        }
        next = classify(v);
      }
      return next != null;
    }

    @Override
    public RecordChange next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RecordChange c = next;
      next = null;
      return c;
    }

    private void openObject(String name) {
      object = name;
      SchemaDiff schema = schemas.get(name);
      if (!schema.inTo()) {
        // B no longer backs the object up: that is not a deletion of its records.
        changed = emptyStream();
        earlier = null;
        return;
      }
      comparable = comparable(name);
      changed = store.changesBetween(from, to, name);
      earlier = before.ascendingLookup(name);
    }

    private RecordChange classify(RecordVersion after) {
      Optional<RecordVersion> was = earlier == null ? Optional.empty() : earlier.live(after.id());
      if (after.isTombstone()) {
        return was.isPresent() && filter.includesKind(ChangeKind.DELETED)
            ? new RecordChange(object, after.id(), ChangeKind.DELETED, List.of(), was.get(), null)
            : null;
      }
      if (was.isEmpty()) {
        return filter.includesKind(ChangeKind.ADDED)
            ? new RecordChange(object, after.id(), ChangeKind.ADDED, List.of(), null, after)
            : null;
      }
      if (!filter.includesKind(ChangeKind.CHANGED)) {
        return null;
      }
      RecordVersion old = was.get();
      List<FieldChange> fields = changedFields(old, after, comparable, filter.fields());
      return fields.isEmpty()
          ? null
          : new RecordChange(object, after.id(), ChangeKind.CHANGED, fields, old, after);
    }

    private void closeObject() {
      if (changed != null) {
        changed.close();
        changed = null;
      }
      if (earlier != null) {
        earlier.close();
        earlier = null;
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        closeObject();
      }
    }
  }

  private static RecordStream emptyStream() {
    Iterator<RecordVersion> none = Collections.emptyIterator();
    return new RecordStream() {
      @Override
      public boolean hasNext() {
        return none.hasNext();
      }

      @Override
      public RecordVersion next() {
        return none.next();
      }

      @Override
      public void close() {}
    };
  }
}
