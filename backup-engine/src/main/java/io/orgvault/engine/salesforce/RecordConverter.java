package io.orgvault.engine.salesforce;

import io.orgvault.engine.store.ValueKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns raw rows (REST JSON records, Bulk CSV rows) into {@link SalesforceRecord}s with canonical
 * values, by the types of the object's describe.
 */
final class RecordConverter {
  private final String objectName;
  private final List<FieldDescription> fields;
  private final String timestampField;

  RecordConverter(ExtractionRequest request) {
    this.objectName = request.object().name();
    this.fields = request.fields();
    this.timestampField = request.object().timestampField().orElse(null);
  }

  /** A REST record (field name to raw JSON value). */
  SalesforceRecord fromJson(Map<String, Object> raw, String endpoint) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> lower = null;
    String id = rawId(raw.get("Id"));
    for (FieldDescription f : fields) {
      Object v;
      if (raw.containsKey(f.name())) {
        v = raw.get(f.name());
      } else {
        if (lower == null) {
          lower = new HashMap<>();
          for (Map.Entry<String, Object> e : raw.entrySet()) {
            lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
          }
        }
        String key = f.name().toLowerCase(Locale.ROOT);
        if (!lower.containsKey(key)) {
          throw new MalformedResponseException(
              endpoint, objectName + " record " + id + " lacks the selected field " + f.name());
        }
        v = lower.get(key);
      }
      out.put(f.name(), convert(f, v, true, id, endpoint));
    }
    return record(out, endpoint);
  }

  /** Maps Bulk CSV columns to the requested fields; checked once per result stream. */
  int[] columns(List<String> header, String endpoint) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i).toLowerCase(Locale.ROOT), i);
    }
    int[] columns = new int[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Integer c = index.get(fields.get(i).name().toLowerCase(Locale.ROOT));
      if (c == null) {
        throw new MalformedResponseException(
            endpoint, "the Bulk results lack the selected field " + fields.get(i).name());
      }
      columns[i] = c;
    }
    return columns;
  }

  /** A Bulk CSV row, whose columns {@link #columns} mapped. */
  SalesforceRecord fromCsv(List<String> row, int[] columns, String endpoint) {
    Map<String, Object> out = new LinkedHashMap<>();
    String id = null;
    for (int i = 0; i < fields.size(); i++) {
      FieldDescription f = fields.get(i);
      String text = row.get(columns[i]);
      if (id == null && f.name().equals("Id")) {
        id = text;
      }
      out.put(f.name(), convert(f, text, false, id, endpoint));
    }
    return record(out, endpoint);
  }

  private Object convert(FieldDescription f, Object raw, boolean json, String id, String endpoint) {
    ValueKind kind = f.valueKind();
    try {
      if (kind == ValueKind.BLOB) {
        return null; // never selected; a URL or text here is not a body
      }
      return json ? Values.fromJson(kind, raw) : Values.fromText(kind, (String) raw);
    } catch (IllegalArgumentException e) {
      throw new MalformedResponseException(
          endpoint,
          objectName
              + " record "
              + (id == null ? "(no Id)" : id)
              + ": field "
              + f.name()
              + " ("
              + f.type()
              + ") holds "
              + e.getMessage());
    }
  }

  private SalesforceRecord record(Map<String, Object> values, String endpoint) {
    Object rawId = values.get("Id");
    String id = rawId instanceof String s ? SalesforceIds.to18(s) : null;
    if (id == null) {
      throw new MalformedResponseException(endpoint, "a " + objectName + " record has no valid Id");
    }
    values.put("Id", id);
    Instant modstamp = null;
    if (timestampField != null && values.get(timestampField) instanceof Instant i) {
      modstamp = i;
    }
    boolean deleted = Boolean.TRUE.equals(values.get("IsDeleted"));
    return new SalesforceRecord(objectName, id, modstamp, deleted, values);
  }

  private static String rawId(Object v) {
    return v instanceof String s ? s : "(no Id)";
  }
}
