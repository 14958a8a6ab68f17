package io.orgvault.engine.restore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.export.ValueText;
import io.orgvault.engine.store.ValueKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link RestorePlan} as JSON: the form the portal shows and the body of the sealed plan file.
 * Values: blank = null, booleans and whole numbers as JSON, everything else as its export text,
 * read back by the field's kind in {@code kinds}.
 */
public final class PlanJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlanJson() {}

  public static ObjectNode toJson(RestorePlan p) {
    ObjectNode n = NODES.objectNode();
    n.put("format", RestorePlan.FORMAT_VERSION);
    n.put("restoreId", p.restoreId()).put("tenantId", p.tenantId());
    n.put("createdAt", p.createdAt().toString()).put("backup", p.backup());
    n.put("sourceOrgId", p.sourceOrgId()).put("targetOrgId", p.targetOrgId());
    n.put("selection", p.selection());
    ObjectNode o = n.putObject("options");
    p.options().fields().stream().sorted().forEach(o.putArray("fields")::add);
    o.put("conflicts", p.options().conflicts().name());
    p.options().omit().stream().sorted().forEach(o.putArray("omit")::add);
    ObjectNode ext = o.putObject("externalIds");
    new java.util.TreeMap<>(p.options().externalIds()).forEach(ext::put);
    o.put("bulkThreshold", p.options().bulkThreshold());
    p.order().forEach(n.putArray("order")::add);
    ObjectNode kinds = n.putObject("kinds");
    p.kinds()
        .forEach(
            (obj, m) -> {
              ObjectNode k = kinds.putObject(obj);
              m.forEach((f, kind) -> k.put(f, kind.name()));
            });
    ArrayNode totals = n.putArray("totals");
    for (ObjectTotals t : p.totals()) {
      totals
          .addObject()
          .put("object", t.object())
          .put("undelete", t.undelete())
          .put("create", t.create())
          .put("update", t.update())
          .put("skip", t.skip());
    }
    n.put("estimatedApiCalls", p.estimatedApiCalls());
    ArrayNode records = n.putArray("records");
    for (PlannedRecord r : p.records()) {
      ObjectNode rn = records.addObject();
      rn.put("object", r.object()).put("sourceId", r.sourceId());
      rn.put("action", r.action().name()).put("reason", r.reason());
      rn.put("targetId", r.targetId());
      ObjectNode f = rn.putObject("fields");
      r.fields().forEach((k, v) -> f.set(k, value(v)));
      r.rewrites().forEach(rn.putArray("rewrites")::add);
      ObjectNode sp = rn.putObject("secondPass");
      r.secondPass().forEach(sp::put);
      ArrayNode lo = rn.putArray("leftOut");
      r.leftOut().forEach(l -> lo.addObject().put("field", l.field()).put("reason", l.reason()));
      ArrayNode cs = rn.putArray("conflicts");
      for (FieldConflict c : r.conflicts()) {
        ObjectNode cn = cs.addObject().put("field", c.field());
        cn.set("restoreValue", value(c.restoreValue()));
        cn.set("orgValue", value(c.orgValue()));
      }
      rn.put("bodyField", r.bodyField());
    }
    return n;
  }

  public static byte[] toBytes(RestorePlan p) {
    try {
      return JSON.writeValueAsBytes(toJson(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a plan written by {@link #toBytes}.
   *
   * @throws MalformedPlanException if the JSON is not a plan of this format version
   */
  public static RestorePlan fromBytes(byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      int format = n.path("format").asInt(-1);
      if (format != RestorePlan.FORMAT_VERSION) {
        throw new MalformedPlanException("unsupported plan format " + format);
      }
      JsonNode o = n.get("options");
      RestoreOptions options =
          new RestoreOptions(
              strings(o.get("fields")),
              ConflictPolicy.valueOf(o.get("conflicts").asText()),
              strings(o.get("omit")),
              textMap(o.get("externalIds")),
              o.get("bulkThreshold").asInt());
      Map<String, Map<String, ValueKind>> kinds = new LinkedHashMap<>();
      n.get("kinds")
          .fields()
          .forEachRemaining(
              e -> {
                Map<String, ValueKind> m = new LinkedHashMap<>();
                e.getValue()
                    .fields()
                    .forEachRemaining(
                        k -> m.put(k.getKey(), ValueKind.valueOf(k.getValue().asText())));
                kinds.put(e.getKey(), m);
              });
      List<PlannedRecord> records = new ArrayList<>();
      for (JsonNode rn : n.get("records")) {
        String object = rn.get("object").asText();
        Map<String, ValueKind> k = kinds.getOrDefault(object, Map.of());
        Map<String, Object> fields = new LinkedHashMap<>();
        rn.get("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), read(k, e)));
        List<LeftOutField> leftOut = new ArrayList<>();
        for (JsonNode l : rn.get("leftOut")) {
          leftOut.add(new LeftOutField(l.get("field").asText(), l.get("reason").asText()));
        }
        List<FieldConflict> conflicts = new ArrayList<>();
        for (JsonNode c : rn.get("conflicts")) {
          String f = c.get("field").asText();
          conflicts.add(
              new FieldConflict(
                  f, decode(k.get(f), c.get("restoreValue")), decode(k.get(f), c.get("orgValue"))));
        }
        records.add(
            new PlannedRecord(
                object,
                rn.get("sourceId").asText(),
                RestoreAction.valueOf(rn.get("action").asText()),
                rn.get("reason").asText(),
                textOrNull(rn.get("targetId")),
                fields,
                new ArrayList<>(strings(rn.get("rewrites"))),
                new LinkedHashMap<>(textMap(rn.get("secondPass"))),
                leftOut,
                conflicts,
                textOrNull(rn.get("bodyField"))));
      }
      List<String> order = new ArrayList<>();
      n.get("order").forEach(x -> order.add(x.asText()));
      return new RestorePlan(
          n.get("restoreId").asText(),
          n.get("tenantId").asText(),
          Instant.parse(n.get("createdAt").asText()),
          n.get("backup").asLong(),
          n.get("sourceOrgId").asText(),
          n.get("targetOrgId").asText(),
          n.get("selection").asText(),
          options,
          order,
          kinds,
          records);
    } catch (java.io.IOException | RuntimeException e) {
      if (e instanceof MalformedPlanException m) {
        throw m;
      }
      throw new MalformedPlanException("not a restore plan: " + e.getClass().getSimpleName());
    }
  }

  private static Object read(Map<String, ValueKind> kinds, Map.Entry<String, JsonNode> e) {
    ValueKind k = kinds.get(e.getKey());
    if (k == null) {
      throw new MalformedPlanException("no kind for field " + e.getKey());
    }
    return decode(k, e.getValue());
  }

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
    return NODES.textNode(ValueText.text(v));
  }

  static Object decode(ValueKind kind, JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (kind == null) {
      return v.asText();
    }
    return switch (kind) {
      case STRING -> v.asText();
      case BOOLEAN -> v.asBoolean();
      case LONG -> v.asLong();
      case DECIMAL -> new BigDecimal(v.asText());
      case DATE -> LocalDate.parse(v.asText());
      case INSTANT -> Instant.parse(v.asText());
      case BLOB -> throw new MalformedPlanException("a plan holds no file bodies");
    };
  }

  private static Set<String> strings(JsonNode a) {
    Set<String> out = new HashSet<>();
    if (a != null) {
      a.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  private static Map<String, String> textMap(JsonNode o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static String textOrNull(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
