package io.orgvault.sandbox.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.restore.ConflictPolicy;
import io.orgvault.engine.restore.RestoreOptions;
import io.orgvault.engine.restore.RestoreSelection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a {@code restore-plan} or {@code restore-run} job restores ({@code job.restore}): a plan job
 * names a selection and options, a run job the restore id of a sealed plan. Object, field and
 * record names are checked here, before the engine sees them, so a bad request fails with a message
 * that names the field and never quotes it.
 *
 * @param selection what a {@code restore-plan} restores (null for {@code restore-run})
 * @param options how a {@code restore-plan} writes (null for {@code restore-run})
 * @param restoreId the plan a {@code restore-run} executes (null for {@code restore-plan})
 */
public record RestoreSettings(
    RestoreSelection selection, RestoreOptions options, String restoreId) {
  private static final Pattern RECORD_ID = Pattern.compile("[0-9A-Za-z]{15}([0-9A-Za-z]{3})?");

  /** API names of objects and fields: a letter, then letters, digits, underscores. */
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");

  private static final Pattern RESTORE_ID = Pattern.compile("r-[0-9a-f]{16}");

  /** The most records one object may hold before the run turns to Bulk API 2.0: any sane value. */
  static final int MAX_BULK_THRESHOLD = 10_000_000;

  private static final String P = "job.restore.";
  private static final String S = "job.restore.selection.";
  private static final String O = "job.restore.options.";

  public RestoreSettings {
    require(
        (selection == null) == (options == null), "job.restore: selection and options go together");
    require(
        (selection == null) != (restoreId == null),
        "job.restore holds either a selection (restore-plan) or a restoreId (restore-run)");
    require(
        restoreId == null || RESTORE_ID.matcher(restoreId).matches(),
        "job.restore.restoreId is not a restore id (r- and 16 hex digits)");
    if (selection != null) {
      checkSelection(selection);
      checkOptions(options);
    }
  }

  /** A {@code restore-plan}. */
  public static RestoreSettings plan(RestoreSelection selection, RestoreOptions options) {
    return new RestoreSettings(selection, options, null);
  }

  /** A {@code restore-run} of a sealed plan. */
  public static RestoreSettings run(String restoreId) {
    return new RestoreSettings(null, null, restoreId);
  }

  private static void checkSelection(RestoreSelection s) {
    if (s instanceof RestoreSelection.CompareRecords r) {
      backupNumber(r.from(), "from");
      backupNumber(r.to(), "to");
      r.filter().objects().forEach(o -> apiName(o, S + "objects"));
      r.filter().fields().forEach(f -> apiName(f, S + "fields"));
      return;
    }
    backupNumber(s.backup(), "backup");
    if (s instanceof RestoreSelection.RecordVersionOf r) {
      apiName(r.object(), S + "object");
      recordId(r.id(), S + "id");
    } else if (s instanceof RestoreSelection.ObjectAsOf r) {
      apiName(r.object(), S + "object");
    } else if (s instanceof RestoreSelection.RecordWithRelated r) {
      apiName(r.object(), S + "object");
      recordId(r.id(), S + "id");
    }
  }

  private static void checkOptions(RestoreOptions o) {
    o.fields().forEach(f -> apiName(f, O + "fields"));
    for (String x : o.omit()) {
      require(
          API_NAME.matcher(x).matches() || RECORD_ID.matcher(x).matches(),
          O + "omit holds object names or record Ids");
    }
    o.externalIds()
        .forEach(
            (object, field) -> {
              apiName(object, O + "externalIds (an object)");
              apiName(field, O + "externalIds (a field)");
            });
    require(
        o.bulkThreshold() <= MAX_BULK_THRESHOLD,
        O + "bulkThreshold must be at most " + MAX_BULK_THRESHOLD);
  }

  // ------------------------------------------------------------------ JSON

  /**
   * Reads {@code job.restore} as a job carries it; public so the platform's API checks a requested
   * selection exactly as the sandbox will.
   */
  public static RestoreSettings fromJson(JsonNode r) {
    if (r == null || r.isNull()) {
      return null;
    }
    if (!r.isObject()) {
      throw new ProtocolException("job.restore must be an object");
    }
    JsonNode id = r.get("restoreId");
    if (id != null && !id.isNull()) {
      if (!id.isTextual()) {
        throw new ProtocolException("job.restore.restoreId must be a string");
      }
      require(
          r.get("selection") == null && r.get("options") == null,
          "job.restore holds either a selection (restore-plan) or a restoreId (restore-run)");
      return run(id.textValue());
    }
    JsonNode s = r.get("selection");
    if (s == null || !s.isObject()) {
      throw new ProtocolException("job.restore.selection must be an object");
    }
    return plan(selection(s), options(r.get("options")));
  }

  private static RestoreSelection selection(JsonNode s) {
    JsonNode k = s.get("kind");
    if (k == null || !k.isTextual()) {
      throw new ProtocolException(S + "kind is required");
    }
    return switch (k.textValue()) {
      case "record-version" ->
          new RestoreSelection.RecordVersionOf(
              number(s, "backup", S), text(s, "object", S), text(s, "id", S));
      case "object-as-of" ->
          new RestoreSelection.ObjectAsOf(number(s, "backup", S), text(s, "object", S));
      case "record-with-related" ->
          new RestoreSelection.RecordWithRelated(
              number(s, "backup", S),
              text(s, "object", S),
              text(s, "id", S),
              flag(s, "children", true),
              flag(s, "parents", false));
      case "compare-records" -> {
        Set<ChangeKind> kinds = new LinkedHashSet<>();
        for (String c : strings(s, "kinds", S)) {
          kinds.add(changeKind(c));
        }
        yield new RestoreSelection.CompareRecords(
            number(s, "from", S),
            number(s, "to", S),
            new CompareFilter(strings(s, "objects", S), kinds, strings(s, "fields", S)));
      }
      default ->
          throw new ProtocolException(
              S
                  + "kind must be record-version, object-as-of, record-with-related or"
                  + " compare-records");
    };
  }

  private static ChangeKind changeKind(String c) {
    return switch (c) {
      case "added" -> ChangeKind.ADDED;
      case "deleted" -> ChangeKind.DELETED;
      case "changed" -> ChangeKind.CHANGED;
      default -> throw new ProtocolException(S + "kinds holds added, deleted or changed");
    };
  }

  private static RestoreOptions options(JsonNode o) {
    if (o == null || o.isNull()) {
      return RestoreOptions.defaults();
    }
    if (!o.isObject()) {
      throw new ProtocolException("job.restore.options must be an object");
    }
    ConflictPolicy conflicts = ConflictPolicy.SKIP;
    JsonNode c = o.get("conflicts");
    if (c != null && !c.isNull()) {
      conflicts =
          switch (c.isTextual() ? c.textValue() : "") {
            case "skip" -> ConflictPolicy.SKIP;
            case "overwrite" -> ConflictPolicy.OVERWRITE;
            default -> throw new ProtocolException(O + "conflicts must be skip or overwrite");
          };
    }
    Map<String, String> externalIds = new LinkedHashMap<>();
    JsonNode e = o.get("externalIds");
    if (e != null && !e.isNull()) {
      if (!e.isObject()) {
        throw new ProtocolException(O + "externalIds must be an object of object: field");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> x = it.next();
        if (!x.getValue().isTextual()) {
          throw new ProtocolException(O + "externalIds must map objects to field names");
        }
        externalIds.put(x.getKey(), x.getValue().textValue());
      }
    }
    long threshold = RestoreOptions.DEFAULT_BULK_THRESHOLD;
    JsonNode t = o.get("bulkThreshold");
    if (t != null && !t.isNull()) {
      if (!t.isIntegralNumber() || !t.canConvertToInt() || t.intValue() < 1) {
        throw new ProtocolException(O + "bulkThreshold must be a positive integer");
      }
      threshold = t.intValue();
    }
    return new RestoreOptions(
        strings(o, "fields", O), conflicts, strings(o, "omit", O), externalIds, (int) threshold);
  }

  /** Writes {@code job.restore} into {@code r} (the selection and options with every default). */
  public void toJson(ObjectNode r) {
    if (restoreId != null) {
      r.put("restoreId", restoreId);
      return;
    }
    ObjectNode s = r.putObject("selection");
    if (selection instanceof RestoreSelection.RecordVersionOf x) {
      s.put("kind", "record-version")
          .put("backup", x.backup())
          .put("object", x.object())
          .put("id", x.id());
    } else if (selection instanceof RestoreSelection.ObjectAsOf x) {
      s.put("kind", "object-as-of").put("backup", x.backup()).put("object", x.object());
    } else if (selection instanceof RestoreSelection.RecordWithRelated x) {
      s.put("kind", "record-with-related")
          .put("backup", x.backup())
          .put("object", x.object())
          .put("id", x.id())
          .put("children", x.children())
          .put("parents", x.parents());
    } else if (selection instanceof RestoreSelection.CompareRecords x) {
      s.put("kind", "compare-records").put("from", x.from()).put("to", x.to());
      new TreeSet<>(x.filter().objects()).forEach(s.putArray("objects")::add);
      x.filter().kinds().stream()
          .map(k -> k.name().toLowerCase(Locale.ROOT))
          .sorted()
          .forEach(s.putArray("kinds")::add);
      new TreeSet<>(x.filter().fields()).forEach(s.putArray("fields")::add);
    }
    ObjectNode o = r.putObject("options");
    options.fields().forEach(o.putArray("fields")::add);
    o.put("conflicts", options.conflicts().name().toLowerCase(Locale.ROOT));
    options.omit().forEach(o.putArray("omit")::add);
    ObjectNode e = o.putObject("externalIds");
    options.externalIds().forEach(e::put);
    o.put("bulkThreshold", options.bulkThreshold());
  }

  // --------------------------------------------------------------- helpers

  private static long number(JsonNode n, String field, String prefix) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
      throw new ProtocolException(prefix + field + " must be a backup number");
    }
    return v.longValue();
  }

  private static String text(JsonNode n, String field, String prefix) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new ProtocolException(prefix + field + " is required (a string)");
    }
    return v.textValue();
  }

  private static boolean flag(JsonNode n, String field, boolean absent) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw new ProtocolException(S + field + " must be true or false");
    }
    return v.booleanValue();
  }

  private static Set<String> strings(JsonNode n, String field, String prefix) {
    JsonNode v = n.get(field);
    Set<String> out = new LinkedHashSet<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      throw new ProtocolException(prefix + field + " must be an array of names");
    }
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw new ProtocolException(prefix + field + " must hold strings");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static void backupNumber(long b, String field) {
    require(b >= 1, S + field + " must be a backup number");
  }

  private static void apiName(String name, String field) {
    require(name != null && API_NAME.matcher(name).matches(), field + " is not an API name");
  }

  private static void recordId(String id, String field) {
    require(id != null && RECORD_ID.matcher(id).matches(), field + " is not a record Id");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new ProtocolException(message);
    }
  }
}
