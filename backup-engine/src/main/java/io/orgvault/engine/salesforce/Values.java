package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.store.ValueKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts what Salesforce sends (JSON values on REST, text in Bulk CSV) to the canonical values
 * the store keeps (see {@link ValueKind}): text as {@link String}, {@code int} as {@link Long},
 * {@code double}/{@code currency}/{@code percent} as {@link BigDecimal} built from the text
 * Salesforce sent, dates as {@link LocalDate}, date-times as {@link Instant}, booleans as {@link
 * Boolean}. Blank is null, as Salesforce has no empty strings. A value that does not fit its
 * field's type is an {@link IllegalArgumentException} naming the type, never quoting the value.
 */
final class Values {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Values() {}

  /** A REST JSON value (as {@link QueryPage} reads it) for a field of this kind. */
  static Object fromJson(ValueKind kind, Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof String s) {
      return fromText(kind, s);
    }
    switch (kind) {
      case STRING:
        if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
          try {
            return MAPPER.writeValueAsString(raw); // compound values are kept as JSON text
          } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a compound value cannot be written as JSON");
          }
        }
        if (raw instanceof BigDecimal d) {
          return d.toString();
        }
        return raw.toString();
      case BOOLEAN:
        if (raw instanceof Boolean b) {
          return b;
        }
        break;
      case LONG:
        if (raw instanceof BigDecimal d) {
          return whole(d);
        }
        break;
      case DECIMAL:
        if (raw instanceof BigDecimal d) {
          return d;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "a " + describe(raw) + " where a " + kind.name().toLowerCase(Locale.ROOT) + " belongs");
  }

  /** A text value (Bulk CSV, or a JSON string) for a field of this kind; blank is null. */
  static Object fromText(ValueKind kind, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return switch (kind) {
        case STRING -> text;
        case BOOLEAN -> bool(text);
        case LONG -> whole(new BigDecimal(text.trim()));
        case DECIMAL -> new BigDecimal(text.trim());
        case DATE -> LocalDate.parse(text.trim());
        case INSTANT -> dateTime(text.trim());
        case BLOB ->
            throw new IllegalArgumentException("file bodies are not read from query results");
      };
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "text that is not a valid " + kind.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * A date-time as the APIs write it: {@code 2024-01-31T12:34:56.000+0000} (REST), {@code
   * 2024-01-31T12:34:56.000Z} (Bulk, SOAP) or with a {@code +hh:mm} offset.
   */
  static Instant dateTime(String s) {
    Instant fast = fixedLayoutDateTime(s);
    if (fast != null) {
      return fast;
    }
    int n = s.length();
    if (n > 5) {
      char sign = s.charAt(n - 5);
      if ((sign == '+' || sign == '-') && digits(s, n - 4, n)) {
        s = s.substring(0, n - 2) + ":" + s.substring(n - 2);
      }
    }
    return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /** {@code yyyy-MM-ddTHH:mm:ss.SSS} then {@code Z} (Bulk) or {@code +0000} (REST). */
  private static final int FIXED_LAYOUT_UTC = 24;

  private static final int FIXED_LAYOUT_OFFSET = 28;

  /**
   * The layouts the APIs write for every date-time, read without the general parser (which costs a
   * map per value and was among the largest costs of a Bulk extraction); null for any other text,
   * which then goes through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}.
   */
  private static Instant fixedLayoutDateTime(String s) {
    int n = s.length();
    boolean utc = n == FIXED_LAYOUT_UTC && s.charAt(23) == 'Z';
    boolean offset = n == FIXED_LAYOUT_OFFSET && (s.charAt(23) == '+' || s.charAt(23) == '-');
    if (!(utc || offset)
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != '.') {
      return null;
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 7);
    int day = number(s, 8, 10);
    int hour = number(s, 11, 13);
    int minute = number(s, 14, 16);
    int second = number(s, 17, 19);
    int millis = number(s, 20, 23);
    int offsetMinutes = 0;
    if (offset) {
      int hh = number(s, 24, 26);
      int mm = number(s, 26, 28);
      if (hh < 0 || mm < 0 || hh > 18 || mm > 59) {
        return null;
      }
      offsetMinutes = (s.charAt(23) == '-' ? -1 : 1) * (hh * 60 + mm);
    }
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
      return null;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return null; // the general parser gives the error
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetMinutes * 60L;
    return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
  }

  /** The decimal number in {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
  private static int number(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static Boolean bool(String text) {
    if (text.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (text.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("text that is not a valid boolean");
  }

  private static Long whole(BigDecimal d) {
    return d.stripTrailingZeros().longValueExact();
  }

  private static String describe(Object raw) {
    if (raw instanceof Boolean) {
      return "boolean";
    }
    if (raw instanceof BigDecimal) {
      return "number";
    }
    if (raw instanceof Map<?, ?>) {
      return "object";
    }
    if (raw instanceof List<?>) {
      return "array";
    }
    return raw.getClass().getSimpleName();
  }
}
