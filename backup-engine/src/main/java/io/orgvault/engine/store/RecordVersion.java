package io.orgvault.engine.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One observed version of one Salesforce record: an upsert with its field values, or a tombstone
 * for a deletion. Field values are canonical typed values (see {@link ValueKind}); {@code null}
 * stands for a blank field. File bodies are never inline: the row holds a {@link BlobRef}.
 *
 * @param systemModstamp the record's SystemModstamp (for a tombstone: its deletion time), epoch ms
 * @param fields field name to value, in the order given; empty for a tombstone
 */
public record RecordVersion(
    String objectName, String id, long systemModstamp, Kind kind, Map<String, Object> fields) {

  public enum Kind {
    UPSERT,
    TOMBSTONE
  }

  /** Salesforce Ids in the store are the 18-character case-insensitive-safe form. */
  public static final int ID_LENGTH = 18;

  public RecordVersion {
    Names.requireObjectName(objectName);
    requireId(id);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fields, "fields");
    if (kind == Kind.TOMBSTONE && !fields.isEmpty()) {
      throw new IllegalArgumentException("a tombstone carries no field values (" + id + ")");
    }
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      Names.requireFieldName(e.getKey());
      copy.put(e.getKey(), requireCanonical(e.getKey(), e.getValue()));
    }
    fields = Collections.unmodifiableMap(copy);
  }

  public static RecordVersion upsert(
      String objectName, String id, long systemModstamp, Map<String, Object> fields) {
    return new RecordVersion(objectName, id, systemModstamp, Kind.UPSERT, fields);
  }

  public static RecordVersion tombstone(String objectName, String id, long deletedAt) {
    return new RecordVersion(objectName, id, deletedAt, Kind.TOMBSTONE, Map.of());
  }

  public boolean isTombstone() {
    return kind == Kind.TOMBSTONE;
  }

  static void requireId(String id) {
    if (id == null || id.length() != ID_LENGTH) {
      throw new IllegalArgumentException(
          "a record Id must be the 18-character form, got "
              + (id == null ? "null" : id.length() + " characters"));
    }
    for (int i = 0; i < ID_LENGTH; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        throw new IllegalArgumentException("a record Id is alphanumeric: " + id);
      }
    }
  }

  private static Object requireCanonical(String field, Object v) {
    if (v == null
        || v instanceof String
        || v instanceof Boolean
        || v instanceof Long
        || v instanceof BigDecimal
        || v instanceof LocalDate
        || v instanceof Instant
        || v instanceof BlobRef) {
      return v;
    }
    if (v instanceof Double || v instanceof Float) {
      throw new IllegalArgumentException(
          "field "
              + field
              + ": numbers with a fraction are BigDecimal (new BigDecimal(text)) so that"
              + " Salesforce double, currency and percent values round-trip exactly");
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      throw new IllegalArgumentException("field " + field + ": whole numbers are Long");
    }
    if (v instanceof byte[]) {
      throw new IllegalArgumentException(
          "field " + field + ": file bodies go to the blob store; the row holds a BlobRef");
    }
    throw new IllegalArgumentException(
        "field " + field + ": unsupported value type " + v.getClass().getName());
  }
}
