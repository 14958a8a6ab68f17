package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.export.ValueText;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.RecordVersion;
import java.util.Map;

/**
 * Stored values in the read commands' JSON lines: blank = null, booleans and whole numbers as JSON
 * booleans and numbers, a file body as {@code {"bodyHash", "length"}}, everything else (decimals
 * with their scale, dates, date-times, text) as the string {@link ValueText} gives.
 */
final class ValueJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValueJson() {}

  static JsonNode value(Object v) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (v instanceof BlobRef ref) {
      return NODES.objectNode().put("bodyHash", ref.bodyHash().hex()).put("length", ref.length());
    }
    return NODES.textNode(ValueText.text(v));
  }

  static ObjectNode fields(RecordVersion v) {
    ObjectNode n = NODES.objectNode();
    for (Map.Entry<String, Object> e : v.fields().entrySet()) {
      n.set(e.getKey(), value(e.getValue()));
    }
    return n;
  }

  static ObjectNode record(String type, RecordVersion v) {
    ObjectNode n = NODES.objectNode();
    n.put("type", type).put("object", v.objectName()).put("id", v.id());
    n.put("systemModstamp", java.time.Instant.ofEpochMilli(v.systemModstamp()).toString());
    n.put("tombstone", v.isTombstone());
    n.set("fields", fields(v));
    return n;
  }
}
