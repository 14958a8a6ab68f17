package io.orgvault.sandbox.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.browse.HistoryVersion;
import io.orgvault.engine.browse.RelatedRecord;
import io.orgvault.engine.compare.FieldChange;
import io.orgvault.engine.compare.ObjectSummary;
import io.orgvault.engine.compare.RecordChange;
import io.orgvault.engine.compare.SchemaDiff;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.RecordVersion;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's answers as the JSON of the query protocol (module README). Values keep their JSON
 * type where one fits (booleans, integers, decimals); dates and times are ISO-8601 text; a file
 * body is {@code {"blob": <keyed hash hex>, "length": n}}, never its content.
 */
final class AnswerJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private AnswerJson() {}

  static ObjectNode version(RecordVersion v) {
    ObjectNode n =
        JSON.createObjectNode()
            .put("id", v.id())
            .put("systemModstamp", v.systemModstamp())
            .put("deleted", v.isTombstone());
    ObjectNode fields = n.putObject("fields");
    for (Map.Entry<String, Object> e : v.fields().entrySet()) {
      putValue(fields, e.getKey(), e.getValue());
    }
    return n;
  }

  static void putValue(ObjectNode n, String key, Object value) {
    if (value == null) {
      n.putNull(key);
    } else if (value instanceof Boolean b) {
      n.put(key, b);
    } else if (value instanceof Long l) {
      n.put(key, l);
    } else if (value instanceof Integer i) {
      n.put(key, i);
    } else if (value instanceof BigDecimal d) {
      n.put(key, d);
    } else if (value instanceof BlobRef b) {
      n.putObject(key).put("blob", b.bodyHash().hex()).put("length", b.length());
    } else {
      n.put(key, value.toString());
    }
  }

  static ArrayNode fieldChanges(List<FieldChange> changes) {
    ArrayNode a = JSON.createArrayNode();
    for (FieldChange c : changes) {
      ObjectNode f = a.addObject().put("field", c.field());
      putValue(f, "old", c.oldValue());
      putValue(f, "new", c.newValue());
    }
    return a;
  }

  /**
   * One change of a comparison: a changed record carries its differing fields only (the whole
   * version is one {@code get} away), an added record its version at B, a deleted one its version
   * at A. That keeps a page of changes small whatever the records' width.
   */
  static ObjectNode change(RecordChange c) {
    ObjectNode n =
        JSON.createObjectNode()
            .put("object", c.object())
            .put("id", c.id())
            .put("kind", c.kind().name().toLowerCase(Locale.ROOT));
    switch (c.kind()) {
      case CHANGED -> n.set("fields", fieldChanges(c.fields()));
      case ADDED -> n.set("record", version(c.after()));
      case DELETED -> n.set("record", version(c.before()));
    }
    return n;
  }

  static ObjectNode objectSummary(ObjectSummary s) {
    ObjectNode n =
        JSON.createObjectNode()
            .put("object", s.object())
            .put("added", s.added())
            .put("deleted", s.deleted())
            .put("changed", s.changed());
    n.set("schema", schemaDiff(s.schema()));
    return n;
  }

  static ObjectNode schemaDiff(SchemaDiff d) {
    ObjectNode n = JSON.createObjectNode().put("inFrom", d.inFrom()).put("inTo", d.inTo());
    d.addedFields().forEach(n.putArray("addedFields")::add);
    d.removedFields().forEach(n.putArray("removedFields")::add);
    d.typeChangedFields().forEach(n.putArray("typeChangedFields")::add);
    return n;
  }

  /**
   * One version of a record's history: what it is, who changed it and the fields that changed; the
   * first version carries all its fields, later ones only their changes.
   */
  static ObjectNode historyVersion(HistoryVersion h, boolean withFields) {
    RecordVersion v = h.version();
    ObjectNode n =
        JSON.createObjectNode()
            .put("backup", h.backup())
            .put("kind", h.kind().name().toLowerCase(Locale.ROOT))
            .put("id", v.id())
            .put("systemModstamp", v.systemModstamp())
            .put("deleted", v.isTombstone());
    if (h.backupTime().isPresent()) {
      n.put("backupTime", h.backupTime().get().toString());
    } else {
      n.putNull("backupTime");
    }
    n.put("lastModifiedById", h.lastModifiedById());
    n.put(
        "lastModifiedDate", h.lastModifiedDate() == null ? null : h.lastModifiedDate().toString());
    n.set("changes", fieldChanges(h.changes()));
    if (withFields) {
      n.set("fields", version(v).get("fields"));
    }
    return n;
  }

  static ObjectNode related(RelatedRecord r) {
    return JSON.createObjectNode()
        .put("field", r.field())
        .put("object", r.object())
        .put("id", r.id())
        .put("inBackup", r.inBackup());
  }
}
