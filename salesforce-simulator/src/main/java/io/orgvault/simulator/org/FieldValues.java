package io.orgvault.simulator.org;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Converts field values between the APIs' wire forms and the canonical Java types the org keeps:
 * {@code String} (text, ids, picklists), {@code Boolean}, {@code Integer}, {@code Double} (double,
 * currency, percent), {@link LocalDate}, {@link Instant} and {@code byte[]} (base64).
 */
public final class FieldValues {
  /** REST JSON form of a date-time: {@code 2024-01-31T12:34:56.000+0000}. */
  public static final DateTimeFormatter REST_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** SOAP and Bulk CSV form of a date-time: {@code 2024-01-31T12:34:56.000Z}. */
  public static final DateTimeFormatter ISO_MILLIS_Z =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /**
   * Accepts the date-time forms Salesforce accepts on input: with or without millis, Z or offset.
   */
  private static final DateTimeFormatter INPUT_DATETIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private FieldValues() {}

  /** Formats a canonical date-time for REST JSON. */
  public static String restDateTime(Instant i) {
    return REST_DATETIME.format(i);
  }

  /** Formats a canonical date-time for SOAP and Bulk CSV. */
  public static String isoDateTime(Instant i) {
    return ISO_MILLIS_Z.format(i);
  }

  /** Parses a date-time the APIs accept on input, or throws {@link DateTimeParseException}. */
  public static Instant parseDateTime(String s) {
    var parsed =
        INPUT_DATETIME.parseBest(s.trim(), OffsetDateTime::from, java.time.LocalDateTime::from);
    if (parsed instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    return ((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
  }

  /**
   * Converts a value received from a client (JSON scalar, CSV or SOAP text) to the canonical type
   * of the field. An empty string is null, as in CSV and SOAP.
   *
   * @throws DmlException with Salesforce's status code when the value does not fit the field
   */
  public static Object coerce(FieldDef f, Object raw) {
    if (raw == null || raw instanceof String s && s.isEmpty()) {
      return null;
    }
    try {
      return switch (f.type()) {
        case BOOLEAN -> raw instanceof Boolean b ? b : parseBoolean(f, raw.toString());
        case INT ->
            raw instanceof Number n
                ? Integer.valueOf(exactInt(n))
                : Integer.valueOf(raw.toString().trim());
        case DOUBLE, CURRENCY, PERCENT ->
            raw instanceof Number n
                ? n.doubleValue()
                : new BigDecimal(raw.toString().trim()).doubleValue();
        case DATE -> LocalDate.parse(raw.toString().trim());
        case DATETIME -> parseDateTime(raw.toString());
        case BASE64 -> raw instanceof byte[] b ? b : Base64.getMimeDecoder().decode(raw.toString());
        case ID, REFERENCE -> id(f, raw.toString());
        default -> text(f, raw.toString());
      };
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw invalid(f, raw);
    } catch (IllegalArgumentException e) {
      throw invalid(f, raw);
    }
  }

  private static int exactInt(Number n) {
    if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
      return new BigDecimal(n.toString()).intValueExact();
    }
    return Math.toIntExact(n.longValue());
  }

  private static Boolean parseBoolean(FieldDef f, String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> Boolean.TRUE;
      case "false", "0" -> Boolean.FALSE;
      default -> throw invalid(f, s);
    };
  }

  private static String id(FieldDef f, String s) {
    String n = SalesforceId.normalize(s.trim());
    if (n == null) {
      throw new DmlException(
          "MALFORMED_ID", f.label() + ": id value of incorrect type: " + s, List.of(f.name()));
    }
    return n;
  }

  private static String text(FieldDef f, String s) {
    if (f.length() > 0 && s.length() > f.length()) {
      throw new DmlException(
          "STRING_TOO_LONG",
          f.label()
              + ": data value too large: "
              + abbreviate(s)
              + " (max length="
              + f.length()
              + ")",
          List.of(f.name()));
    }
    if (f.type() == FieldType.EMAIL && !s.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw new DmlException(
          "INVALID_EMAIL_ADDRESS", f.label() + ": invalid email address: " + s, List.of(f.name()));
    }
    return s;
  }

  private static DmlException invalid(FieldDef f, Object raw) {
    return new DmlException(
        "INVALID_TYPE_ON_FIELD_IN_RECORD",
        f.label()
            + ": value not of required type: "
            + abbreviate(String.valueOf(raw))
            + " ("
            + f.type().valueType()
            + ")",
        List.of(f.name()));
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The text form of a canonical value as SOAP and Bulk CSV carry it; null stays null. */
  public static String toText(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Instant i) {
      return isoDateTime(i);
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    if (v instanceof Double d) {
      return d == Math.rint(d) && !Double.isInfinite(d)
          ? BigDecimal.valueOf(d).setScale(1).toPlainString()
          : BigDecimal.valueOf(d).toPlainString();
    }
    return v.toString();
  }
}
