package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The wire forms of the store's canonical values ({@code store.ValueKind}) when writing to
 * Salesforce: {@link String}, {@link Boolean}, {@link Long}, {@link BigDecimal} (its plain text,
 * scale kept), {@link LocalDate} ({@code yyyy-MM-dd}), {@link Instant} ({@code
 * yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}) and null (blank the field). Anything else, a file reference
 * included, is refused: file bodies go through {@link SalesforceClient#createWithBody}.
 */
final class WriteValues {
  static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** The longest API name Salesforce allows. */
  private static final int MAX_NAME_LENGTH = 255;

  private WriteValues() {}

  /** The text of a non-null value (CSV cells, SOAP elements, JSON strings). */
  static String text(String field, Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof Long l) {
      return l.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    if (value instanceof Instant i) {
      return DATETIME.format(i);
    }
    throw unsupported(field, value);
  }

  /** Writes a value as JSON: booleans and numbers as JSON literals, null as JSON null. */
  static void json(JsonGenerator g, String field, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof BigDecimal d) {
      // Written as its plain text so "12.50" keeps its scale and no exponent appears.
      g.writeNumber(d.toPlainString());
    } else {
      g.writeString(text(field, value));
    }
  }

  /** Checks a field or object name: letters, digits and '_', starting with a letter. */
  static String requireName(String what, String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a " + what + " name is 1 to " + MAX_NAME_LENGTH + " characters");
    }
    char first = name.charAt(0);
    if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
      throw new IllegalArgumentException("a " + what + " API name starts with a letter: " + name);
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!ok) {
        throw new IllegalArgumentException(
            "a " + what + " API name holds letters, digits and '_' only: " + name);
      }
    }
    if (name.equalsIgnoreCase("attributes")) {
      // REST reads this member as the record's type, not as a field.
      throw new IllegalArgumentException("'" + name + "' is not a field name");
    }
    return name;
  }

  private static IllegalArgumentException unsupported(String field, Object value) {
    return new IllegalArgumentException(
        "field "
            + field
            + ": a "
            + value.getClass().getSimpleName()
            + " cannot be written as a field value (only String, Boolean, Long, BigDecimal,"
            + " LocalDate, Instant or null; file bodies go through createWithBody)");
  }
}
