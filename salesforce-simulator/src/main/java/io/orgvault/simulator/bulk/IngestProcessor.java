package io.orgvault.simulator.bulk;

import io.orgvault.simulator.org.DmlException;
import io.orgvault.simulator.org.DmlResult;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.org.SalesforceId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Processes a closed ingest job: parses its CSV, checks the header against the object, and runs
 * every row through the org's DML as the job's creator. Problems with the data as a whole fail the
 * job; problems with one record fail that row only.
 */
final class IngestProcessor {
  /** The value that sets a field to null; an empty value leaves a field unchanged. */
  static final String NULL_VALUE = "#N/A";

  private final Org org;
  private final IngestJob job;
  private final String userId;

  /** Parent lookups by external id, per relationship column: value → parent Id. */
  private final Map<String, Map<String, String>> parentIndex = new HashMap<>();

  IngestProcessor(Org org, IngestJob job, String userId) {
    this.org = org;
    this.job = job;
    this.userId = userId;
  }

  /** A column of the upload: a field of the object, or a parent's external id field. */
  private record Target(String field, FieldDef reference, SObjectSchema parent, String parentKey) {
    boolean isRelationship() {
      return reference != null;
    }
  }

  void run() {
    byte[] data = job.uploadBytes();
    if (data == null || new String(data, StandardCharsets.UTF_8).isBlank()) {
      // Nothing to load (clients close jobs for empty inputs): a job with no records.
      job.parsed(new String[0], List.of());
      job.complete(org.clock().now());
      return;
    }
    List<String[]> all;
    try {
      all =
          new CsvReader(job.columnDelimiter(), job.lineEnding())
              .parse(new String(data, StandardCharsets.UTF_8));
    } catch (CsvReader.CsvFormatException e) {
      job.fail(e.getMessage(), org.clock().now());
      return;
    }
    if (all.get(0).length == 1 && all.get(0)[0].isBlank()) {
      job.fail("InvalidBatch : The uploaded data has no header row", org.clock().now());
      return;
    }
    String[] header = all.get(0);
    List<String[]> rows = all.subList(1, all.size());
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).length != header.length) {
        job.fail(
            "ClientInputError : Wrong number of fields in row "
                + (r + 1)
                + ": found "
                + rows.get(r).length
                + ", the header has "
                + header.length,
            org.clock().now());
        return;
      }
    }
    job.parsed(header, rows);
    Target[] targets;
    try {
      targets = targets(header);
    } catch (HeaderException e) {
      job.fail(e.getMessage(), org.clock().now());
      return;
    }
    for (int r = 0; r < rows.size(); r++) {
      if (job.discarded() || job.state() != JobState.InProgress) {
        return; // aborted or deleted: the rest stays unprocessed
      }
      process(r, rows.get(r), targets);
    }
    job.complete(org.clock().now());
  }

  private static final class HeaderException extends Exception {
    HeaderException(String message) {
      super(message, null, false, false);
    }
  }

  private Target[] targets(String[] header) throws HeaderException {
    SObjectSchema s = org.table(job.object()).schema();
    Target[] out = new Target[header.length];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      String name = header[i].trim();
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw new HeaderException("InvalidBatch : Duplicate field name: " + name);
      }
      int dot = name.indexOf('.');
      if (dot > 0) {
        FieldDef ref = s.relationship(name.substring(0, dot));
        SObjectSchema parent =
            ref == null || ref.referenceTo().isEmpty()
                ? null
                : org.catalog().object(ref.referenceTo().get(0));
        FieldDef key = parent == null ? null : parent.field(name.substring(dot + 1));
        if (key == null || !(key.externalId() || key.name().equals(SObjectSchema.ID))) {
          throw new HeaderException("InvalidBatch : Field name not found : " + name);
        }
        out[i] = new Target(ref.name(), ref, parent, key.name());
      } else {
        FieldDef f = s.field(name);
        if (f == null) {
          throw new HeaderException("InvalidBatch : Field name not found : " + name);
        }
        out[i] = new Target(f.name(), null, null, null);
      }
    }
    return out;
  }

  private void process(int r, String[] row, Target[] targets) {
    String op = job.operation();
    Map<String, Object> fields = new LinkedHashMap<>();
    String id = null;
    try {
      for (int c = 0; c < targets.length; c++) {
        Target t = targets[c];
        String v = row[c];
        if (v.isEmpty()) {
          continue;
        }
        Object value = NULL_VALUE.equals(v) ? null : v;
        if (t.isRelationship() && value != null) {
          value = parentId(t, v);
        }
        if (t.field().equals(SObjectSchema.ID)) {
          id = v;
        }
        fields.put(t.field(), value);
      }
      DmlResult result =
          switch (op) {
            case "insert" -> org.insert(job.object(), fields, userId);
            case "update" -> org.update(job.object(), id, fields, userId);
            case "upsert" -> org.upsert(job.object(), job.externalIdFieldName(), fields, userId);
            case "delete" -> delete(id, false);
            case "hardDelete" -> delete(id, true);
            default -> throw new IllegalStateException("operation " + op);
          };
      if (result.success()) {
        job.succeeded(r, result.id(), result.created());
      } else {
        job.failed(r, resultIdFor(op, id, result.id()), errorText(result.errors().get(0)));
      }
    } catch (DmlException e) {
      job.failed(r, resultIdFor(op, id, null), errorText(e));
    }
  }

  private DmlResult delete(String id, boolean hard) {
    if (id == null) {
      throw new DmlException("MISSING_ARGUMENT", "Id not specified in a delete call");
    }
    Org.RowRef ref = org.find(id);
    if (ref == null || !ref.table().schema().name().equalsIgnoreCase(job.object())) {
      throw new DmlException(
          SalesforceId.normalize(id) == null ? "MALFORMED_ID" : "INVALID_CROSS_REFERENCE_KEY",
          SalesforceId.normalize(id) == null ? "malformed id " + id : "invalid cross reference id");
    }
    DmlResult deleted = org.delete(id, userId);
    if (hard && deleted.success()) {
      DmlResult purged = org.purge(id);
      return purged.success() ? deleted : purged;
    }
    return deleted;
  }

  /** The parent Id for an external id value of a relationship column. */
  private String parentId(Target t, String key) {
    Map<String, String> index =
        parentIndex.computeIfAbsent(t.field(), f -> indexParents(t.parent(), t.parentKey()));
    String id = index.get(key);
    if (id == null) {
      throw new DmlException(
          "INVALID_FIELD",
          "Foreign key external ID: "
              + key
              + " not found for field "
              + t.parentKey()
              + " in entity "
              + t.parent().name(),
          List.of(t.field()));
    }
    return id;
  }

  private Map<String, String> indexParents(SObjectSchema parent, String keyField) {
    ObjectTable table = org.table(parent.name());
    int fi = parent.fieldIndex(keyField);
    Map<String, String> index = new HashMap<>();
    for (int row = 0; row < table.size(); row++) {
      if (table.isLive(row)) {
        Object v = table.value(row, fi);
        if (v != null) {
          index.putIfAbsent(v.toString(), table.id(row));
        }
      }
    }
    return index;
  }

  private static String resultIdFor(String op, String givenId, String resultId) {
    if (resultId != null) {
      return resultId;
    }
    return op.equals("insert") || op.equals("upsert") || givenId == null ? "" : givenId;
  }

  /**
   * The {@code sf__Error} text: {@code CODE:message:Field,Field --}, or {@code CODE:message:--}
   * when the error concerns no field.
   */
  static String errorText(DmlException e) {
    String head = e.statusCode() + ":" + e.getMessage() + ":";
    return e.fields().isEmpty() ? head + "--" : head + String.join(",", e.fields()) + " --";
  }
}
