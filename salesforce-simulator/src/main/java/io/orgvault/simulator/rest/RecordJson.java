package io.orgvault.simulator.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.orgvault.simulator.org.FieldValues;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/** Writes records and field values in the REST API's JSON forms. */
final class RecordJson {
  private RecordJson() {}

  /** The URL of a record: {@code /services/data/v65.0/sobjects/Contact/003...}. */
  static String url(String base, String type, String id) {
    return base + "/sobjects/" + type + "/" + id;
  }

  /** {@code "attributes":{"type":..,"url":..}}, the first member of every record. */
  static void attributes(JsonGenerator g, String base, String type, String id) throws IOException {
    g.writeObjectFieldStart("attributes");
    g.writeStringField("type", type);
    g.writeStringField("url", url(base, type, id));
    g.writeEndObject();
  }

  /**
   * One field value: date-times as {@code 2024-01-31T12:34:56.000+0000}, dates as {@code
   * 2024-01-31}, numbers and booleans as JSON scalars, and base64 fields as the URL their body can
   * be fetched from, as Salesforce never inlines a blob in a JSON record.
   */
  static void value(
      JsonGenerator g, String base, String type, String id, String field, Object value)
      throws IOException {
    g.writeFieldName(field);
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Instant i) {
      g.writeString(FieldValues.restDateTime(i));
    } else if (value instanceof LocalDate d) {
      g.writeString(d.toString());
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer n) {
      g.writeNumber(n);
    } else if (value instanceof Long n) {
      g.writeNumber(n);
    } else if (value instanceof Double n) {
      g.writeNumber(n);
    } else if (value instanceof byte[]) {
      g.writeString(url(base, type, id) + "/" + field);
    } else {
      g.writeString(value.toString());
    }
  }
}
