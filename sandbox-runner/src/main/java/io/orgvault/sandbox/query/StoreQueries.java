package io.orgvault.sandbox.query;

import static io.orgvault.sandbox.query.AnswerJson.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.browse.AsOfVersion;
import io.orgvault.engine.browse.BackupBrowser;
import io.orgvault.engine.browse.HistoryVersion;
import io.orgvault.engine.browse.ObjectCount;
import io.orgvault.engine.browse.RecordHistory;
import io.orgvault.engine.browse.RecordPage;
import io.orgvault.engine.browse.RelatedRecord;
import io.orgvault.engine.browse.RelatedRecords;
import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.ComparePage;
import io.orgvault.engine.compare.CompareSummary;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.ObjectSummary;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.sandbox.query.QueryServer.AnswerTooLargeException;
import io.orgvault.sandbox.query.QueryServer.QueryException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The answers of a query sandbox, each one call into the engine's compare and browse API on the
 * store opened once. Every answer is bounded: pages hold at most their cap of items and at most
 * {@link #MAX_ANSWER_CHARS} of JSON; a page that would be longer is cut to the items that fit (the
 * engine is asked again for exactly that many, so its sealed cursor continues right after them).
 */
final class StoreQueries {
  /** The most records or changes one page carries (the engine's own caps are the same or more). */
  static final int MAX_PAGE = 1000;

  /** The most versions one history answer carries; {@code next} pages on. */
  static final int MAX_HISTORY_PAGE = 200;

  /** The most children one related answer lists ({@code childrenTruncated} says when cut). */
  static final int MAX_CHILDREN = 1000;

  /**
   * The longest answer in characters: a quarter below the host's line cut ({@code
   * BoundedLineReader.MAX_LINE_CHARS}, 256 Ki), leaving room for the envelope.
   */
  static final int MAX_ANSWER_CHARS = 192 * 1024;

  private final RecordStore store;
  private final RecordHistory history;

  StoreQueries(RecordStore store) {
    this.store = store;
    this.history = new RecordHistory(store);
  }

  ObjectNode backups() {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode a = n.putArray("backups");
    for (long b : store.backups()) {
      Manifest m = store.manifest(b);
      a.addObject().put("backup", b).put("createdAt", m.createdAt().toString());
    }
    return n;
  }

  /** The objects of a backup with their live record counts. */
  ObjectNode objects(JsonNode r) {
    BackupBrowser browser = new BackupBrowser(store, backup(r));
    ObjectNode n = JSON.createObjectNode().put("backup", browser.backup());
    ArrayNode a = n.putArray("objects");
    for (ObjectCount c : browser.objects()) {
      a.addObject().put("object", c.object()).put("records", c.records()).put("fields", c.fields());
    }
    return n;
  }

  /** One object's fields in a backup, in schema order. */
  ObjectNode schema(JsonNode r) {
    long backup = backup(r);
    String object = text(r, "object");
    ObjectNode n = JSON.createObjectNode().put("backup", backup).put("object", object);
    ArrayNode fields = n.putArray("fields");
    for (FieldSchema f : store.snapshot(backup).schema(object)) {
      fields.addObject().put("name", f.name()).put("type", f.type());
    }
    return n;
  }

  ObjectNode get(JsonNode r) {
    BackupBrowser browser = new BackupBrowser(store, backup(r));
    ObjectNode n = JSON.createObjectNode().put("backup", browser.backup());
    Optional<RecordVersion> v = browser.get(text(r, "object"), recordId(r));
    n.set("record", v.isPresent() ? AnswerJson.version(v.get()) : null);
    return n;
  }

  /**
   * Records of an object as of a backup, a page at a time: all of them, those whose {@code field}
   * {@code equals} a text, or those matching a {@code search} text; {@code cursor} is the {@code
   * next} of the previous page.
   */
  ObjectNode browse(JsonNode r) {
    BackupBrowser browser = new BackupBrowser(store, backup(r));
    String object = text(r, "object");
    String cursor = optionalText(r, "cursor");
    String field = optionalText(r, "field");
    String search = optionalText(r, "search");
    if (field != null && search != null) {
      throw new QueryException("browse takes field and equals, or search, not both");
    }
    IntFunction<RecordPage> page;
    if (field != null) {
      String equals = text(r, "equals");
      page = n -> browser.whereEquals(object, field, equals, cursor, n);
    } else if (search != null) {
      page = n -> browser.search(object, search, cursor, n);
    } else {
      page = n -> browser.records(object, cursor, n);
    }
    int limit = limit(r, MAX_PAGE);
    RecordPage p = page.apply(limit);
    List<ObjectNode> items = p.records().stream().map(AnswerJson::version).toList();
    int fit = fitting(items);
    if (fit < items.size()) {
      p = page.apply(fit);
      items = items.subList(0, fit);
    }
    ObjectNode n = JSON.createObjectNode().put("backup", browser.backup()).put("object", object);
    n.putArray("records").addAll(items);
    n.put("next", p.nextCursor().orElse(null));
    return n;
  }

  /** Every version of one record, oldest first, a page of {@link #MAX_HISTORY_PAGE} at a time. */
  ObjectNode history(JsonNode r) {
    String object = text(r, "object");
    String id = recordId(r);
    int offset = offset(r);
    int limit = limit(r, MAX_HISTORY_PAGE);
    List<HistoryVersion> all = history.versions(object, id);
    List<ObjectNode> items = new ArrayList<>();
    for (int i = offset; i < all.size() && items.size() < limit; i++) {
      items.add(AnswerJson.historyVersion(all.get(i), i == 0));
    }
    int fit = fitting(items);
    ObjectNode n = JSON.createObjectNode().put("object", object).put("recordId", id);
    n.put("total", all.size());
    n.putArray("versions").addAll(items.subList(0, fit));
    int end = offset + fit;
    if (end < all.size()) {
      n.put("next", end);
    } else {
      n.putNull("next");
    }
    return n;
  }

  /** The record as it was at an instant: its live version in the last backup made by then. */
  ObjectNode asOf(JsonNode r) {
    String object = text(r, "object");
    String id = recordId(r);
    Instant at;
    try {
      at = Instant.parse(text(r, "at"));
    } catch (DateTimeParseException e) {
      throw new QueryException("at must be an ISO-8601 instant (2025-01-31T12:00:00Z)");
    }
    AsOfVersion v = history.asOf(object, id, at);
    ObjectNode n =
        JSON.createObjectNode()
            .put("object", object)
            .put("recordId", id)
            .put("backup", v.backup())
            .put("backupTime", v.backupTime().toString());
    n.set("record", v.version().isPresent() ? AnswerJson.version(v.version().get()) : null);
    return n;
  }

  /** The parents a record's reference fields point at, and the live records pointing at it. */
  ObjectNode related(JsonNode r) {
    long backup = backup(r);
    String object = text(r, "object");
    String id = recordId(r);
    RelatedRecords related = new RelatedRecords(store, backup);
    ObjectNode n =
        JSON.createObjectNode().put("backup", backup).put("object", object).put("recordId", id);
    ArrayNode parents = n.putArray("parents");
    for (RelatedRecord p : related.parents(object, id)) {
      parents.add(AnswerJson.related(p));
    }
    List<RelatedRecord> children = related.children(id);
    ArrayNode c = n.putArray("children");
    for (RelatedRecord ch : children.subList(0, Math.min(children.size(), MAX_CHILDREN))) {
      c.add(AnswerJson.related(ch));
    }
    n.put("childrenTotal", children.size());
    n.put("childrenTruncated", children.size() > MAX_CHILDREN);
    return n;
  }

  /** Counts per object of what changed from backup {@code from} to {@code to}. */
  ObjectNode compareSummary(JsonNode r) {
    Comparison c = comparison(r);
    CompareSummary s = c.summary(filter(r));
    ObjectNode n = JSON.createObjectNode().put("from", s.from()).put("to", s.to());
    ArrayNode objects = n.putArray("objects");
    for (ObjectSummary o : s.objects()) {
      objects.add(AnswerJson.objectSummary(o));
    }
    return n;
  }

  /** A page of changes; the engine's sealed cursor passes through untouched. */
  ObjectNode comparePage(JsonNode r) {
    Comparison c = comparison(r);
    CompareFilter filter = filter(r);
    String cursor = optionalText(r, "cursor");
    int limit = limit(r, MAX_PAGE);
    Function<Integer, ComparePage> page = n -> c.page(filter, cursor, n);
    ComparePage p = page.apply(limit);
    List<ObjectNode> items = p.changes().stream().map(AnswerJson::change).toList();
    int fit = fitting(items);
    if (fit < items.size()) {
      p = page.apply(fit);
      items = items.subList(0, fit);
    }
    ObjectNode n = JSON.createObjectNode().put("from", c.from()).put("to", c.to());
    n.putArray("changes").addAll(items);
    n.put("next", p.nextCursor().orElse(null));
    return n;
  }

  /** The change kinds of a compare filter as the protocol names them. */
  static ChangeKind kind(String wire) {
    for (ChangeKind k : ChangeKind.values()) {
      if (k.name().toLowerCase(Locale.ROOT).equals(wire)) {
        return k;
      }
    }
    throw new QueryException("kinds holds added, deleted or changed");
  }

  // ---- request fields ----

  private Comparison comparison(JsonNode r) {
    return Comparison.between(store, number(r, "from"), number(r, "to"));
  }

  static CompareFilter filter(JsonNode r) {
    Set<ChangeKind> kinds = new LinkedHashSet<>();
    for (String k : names(r, "kinds")) {
      kinds.add(kind(k));
    }
    return new CompareFilter(names(r, "objects"), kinds, names(r, "fields"));
  }

  /** How many of the items fit in one answer; at least one, or the answer is refused. */
  private static int fitting(List<ObjectNode> items) {
    long chars = 0;
    for (int i = 0; i < items.size(); i++) {
      chars += items.get(i).toString().length() + 1;
      if (chars > MAX_ANSWER_CHARS) {
        if (i == 0) {
          throw new AnswerTooLargeException(
              "one item is longer than an answer may be (" + MAX_ANSWER_CHARS + " characters)");
        }
        return i;
      }
    }
    return items.size();
  }

  private long backup(JsonNode r) {
    JsonNode b = r.get("backup");
    if (b == null || b.isNull()) {
      return store
          .latestBackup()
          .orElseThrow(() -> new QueryException("the store holds no backup yet"));
    }
    if (!b.isIntegralNumber() || !store.backups().contains(b.longValue())) {
      throw new QueryException("no such backup");
    }
    return b.longValue();
  }

  private static int limit(JsonNode r, int max) {
    JsonNode l = r.get("limit");
    if (l == null || l.isNull()) {
      return max;
    }
    if (!l.isIntegralNumber() || !l.canConvertToInt() || l.intValue() < 1 || l.intValue() > max) {
      throw new QueryException("limit must be 1 to " + max);
    }
    return l.intValue();
  }

  private static int offset(JsonNode r) {
    JsonNode o = r.get("offset");
    if (o == null || o.isNull()) {
      return 0;
    }
    if (!o.isIntegralNumber() || !o.canConvertToInt() || o.intValue() < 0) {
      throw new QueryException("offset must be a number >= 0");
    }
    return o.intValue();
  }

  private static String recordId(JsonNode r) {
    String id = text(r, "recordId");
    if (id.length() != RecordVersion.ID_LENGTH) {
      throw new QueryException("recordId must be an 18-character Id");
    }
    return id;
  }

  static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || !v.isTextual()) {
      throw new QueryException(field + " is required (a string)");
    }
    return v.textValue();
  }

  static String optionalText(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : text(r, field);
  }

  private static long number(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new QueryException(field + " is required (a backup number)");
    }
    return v.longValue();
  }

  private static Set<String> names(JsonNode r, String field) {
    JsonNode v = r.get(field);
    Set<String> out = new LinkedHashSet<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new QueryException(field + " must be an array of strings");
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new QueryException(field + " must be an array of strings");
      }
      out.add(e.textValue());
    }
    return out;
  }
}
