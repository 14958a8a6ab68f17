package io.orgvault.sandbox.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.HistoryEntry;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.JobOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Inside a query sandbox: answers one request per stdin line with one stdout line, on the store it
 * opened once, until stdin ends. Requests: {@code backups}, {@code objects}, {@code history},
 * {@code get}, {@code browse}, {@code changes} (see the module README). A bad request gets a {@code
 * query-failed} answer and the server goes on.
 */
public final class QueryServer {
  public static final String READY = "query-ready";
  public static final String RESULT = "query-result";
  public static final String FAILED = "query-failed";

  /** The longest request line. */
  static final int MAX_QUERY_BYTES = 64 * 1024;

  /** The most records one browse or changes answer carries. */
  public static final int MAX_PAGE = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordStore store;
  private final InputStream in;
  private final JobOutput out;

  public QueryServer(RecordStore store, InputStream in, JobOutput out) {
    this.store = store;
    this.in = in;
    this.out = out;
  }

  /** Serves until stdin ends; returns the exit code. */
  public int serve() throws IOException {
    out.write(out.newMessage(READY).put("backups", store.backups().size()));
    byte[] line;
    while ((line = readLine()) != null) {
      if (line.length == 0) {
        continue;
      }
      JsonNode request;
      try {
        request = JSON.readTree(line);
      } catch (IOException e) {
        failed(null, "bad-query", "a query is one JSON object per line");
        continue;
      }
      JsonNode id = request == null ? null : request.get("id");
      try {
        ObjectNode result = answer(request);
        ObjectNode msg = out.newMessage(RESULT);
        msg.set("id", id);
        msg.set("result", result);
        out.write(msg);
      } catch (QueryException e) {
        failed(id, "bad-query", e.getMessage());
      } catch (RuntimeException e) {
        failed(id, e.getClass().getSimpleName(), e.getMessage());
      }
    }
    return ExitCodes.OK;
  }

  private void failed(JsonNode id, String error, String message) {
    ObjectNode msg = out.newMessage(FAILED);
    msg.set("id", id);
    msg.put("error", error).put("message", out.scrub(message));
    out.write(msg);
  }

  /** One line, without its newline; null at the end of stdin. */
  private byte[] readLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (b.size() >= MAX_QUERY_BYTES) {
        // Too long: skip to its end and answer it as malformed.
        while ((c = in.read()) >= 0 && c != '\n') {
          // discard
        }
        return "{}".getBytes(StandardCharsets.US_ASCII);
      }
      b.write(c);
    }
    if (c < 0 && b.size() == 0) {
      return null;
    }
    return b.toByteArray();
  }

  private ObjectNode answer(JsonNode r) {
    if (r == null || !r.isObject()) {
      throw new QueryException("a query is a JSON object");
    }
    String op = text(r, "op");
    return switch (op) {
      case "backups" -> backups();
      case "objects" -> objects(backup(r));
      case "history" -> history(text(r, "object"), text(r, "recordId"));
      case "get" -> get(backup(r), text(r, "object"), text(r, "recordId"));
      case "browse" -> browse(backup(r), text(r, "object"), optionalText(r, "after"), limit(r));
      case "changes" -> changes(number(r, "after"), number(r, "upTo"), text(r, "object"), limit(r));
      default ->
          throw new QueryException("unknown op (backups, objects, history, get, browse, changes)");
    };
  }

  private ObjectNode backups() {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode a = n.putArray("backups");
    for (long b : store.backups()) {
      Manifest m = store.manifest(b);
      a.addObject().put("backup", b).put("createdAt", m.createdAt().toString());
    }
    return n;
  }

  private ObjectNode objects(long backup) {
    ObjectNode n = JSON.createObjectNode().put("backup", backup);
    ArrayNode a = n.putArray("objects");
    Snapshot s = store.snapshot(backup);
    for (String o : s.objects()) {
      ObjectNode on = a.addObject().put("object", o);
      ArrayNode fields = on.putArray("fields");
      for (FieldSchema f : s.schema(o)) {
        fields.addObject().put("name", f.name()).put("type", f.type());
      }
    }
    return n;
  }

  private ObjectNode history(String object, String id) {
    ObjectNode n = JSON.createObjectNode().put("object", object).put("recordId", id);
    ArrayNode a = n.putArray("versions");
    for (HistoryEntry h : store.history(object, requireId(id))) {
      ObjectNode v = version(h.version());
      v.put("backup", h.backupNumber());
      a.add(v);
    }
    return n;
  }

  private ObjectNode get(long backup, String object, String id) {
    ObjectNode n = JSON.createObjectNode().put("backup", backup);
    Optional<RecordVersion> v = store.snapshot(backup).get(object, requireId(id));
    if (v.isPresent()) {
      n.set("record", version(v.get()));
    } else {
      n.putNull("record");
    }
    return n;
  }

  private ObjectNode browse(long backup, String object, String after, int limit) {
    ObjectNode n = JSON.createObjectNode().put("backup", backup).put("object", object);
    ArrayNode a = n.putArray("records");
    String last = null;
    boolean more = false;
    try (RecordStream rs = store.snapshot(backup).records(object)) {
      for (Iterator<RecordVersion> it = rs; it.hasNext(); ) {
        RecordVersion v = it.next();
        if (after != null && v.id().compareTo(after) <= 0) {
          continue;
        }
        if (a.size() == limit) {
          more = true;
          break;
        }
        a.add(version(v));
        last = v.id();
      }
    }
    n.put("next", more ? last : null);
    return n;
  }

  private ObjectNode changes(long after, long upTo, String object, int limit) {
    ObjectNode n =
        JSON.createObjectNode().put("after", after).put("upTo", upTo).put("object", object);
    ArrayNode a = n.putArray("records");
    boolean more = false;
    try (RecordStream rs = store.changesBetween(after, upTo, object)) {
      for (Iterator<RecordVersion> it = rs; it.hasNext(); ) {
        RecordVersion v = it.next();
        if (a.size() == limit) {
          more = true;
          break;
        }
        a.add(version(v));
      }
    }
    n.put("truncated", more);
    return n;
  }

  static ObjectNode version(RecordVersion v) {
    ObjectNode n =
        JSON.createObjectNode()
            .put("id", v.id())
            .put("systemModstamp", v.systemModstamp())
            .put("deleted", v.isTombstone());
    ObjectNode fields = n.putObject("fields");
    for (Map.Entry<String, Object> e : v.fields().entrySet()) {
      Object value = e.getValue();
      if (value == null) {
        fields.putNull(e.getKey());
      } else if (value instanceof Boolean b) {
        fields.put(e.getKey(), b);
      } else if (value instanceof Long l) {
        fields.put(e.getKey(), l);
      } else if (value instanceof Integer i) {
        fields.put(e.getKey(), i);
      } else if (value instanceof BigDecimal d) {
        fields.put(e.getKey(), d);
      } else {
        fields.put(e.getKey(), value.toString());
      }
    }
    return n;
  }

  private long backup(JsonNode r) {
    JsonNode b = r.get("backup");
    if (b == null || b.isNull()) {
      return store
          .latestBackup()
          .orElseThrow(() -> new QueryException("the store holds no backup yet"));
    }
    if (!b.canConvertToLong() || !store.backups().contains(b.longValue())) {
      throw new QueryException("no such backup");
    }
    return b.longValue();
  }

  private static int limit(JsonNode r) {
    JsonNode l = r.get("limit");
    if (l == null || l.isNull()) {
      return MAX_PAGE;
    }
    if (!l.canConvertToInt() || l.intValue() < 1 || l.intValue() > MAX_PAGE) {
      throw new QueryException("limit must be 1 to " + MAX_PAGE);
    }
    return l.intValue();
  }

  private static String requireId(String id) {
    if (id.length() != RecordVersion.ID_LENGTH) {
      throw new QueryException("recordId must be an 18-character Id");
    }
    return id;
  }

  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || !v.isTextual()) {
      throw new QueryException(field + " is required (a string)");
    }
    return v.textValue();
  }

  private static String optionalText(JsonNode r, String field) {
    JsonNode v = r.get(field);
    return v == null || v.isNull() ? null : text(r, field);
  }

  private static long number(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new QueryException(field + " is required (a backup number)");
    }
    return v.longValue();
  }

  /** A request this server cannot answer as asked. */
  static final class QueryException extends RuntimeException {
    QueryException(String message) {
      super(message);
    }
  }
}
