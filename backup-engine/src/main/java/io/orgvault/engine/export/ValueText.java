package io.orgvault.engine.export;

import io.orgvault.engine.store.BlobRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Stored values as text in Salesforce Data Loader's conventions: blank = empty, booleans {@code
 * true}/{@code false}, numbers in plain notation with their scale kept, dates {@code yyyy-MM-dd},
 * date-times ISO-8601 in UTC with milliseconds ({@code 2025-01-01T02:00:00.000Z}). A file body has
 * no inline text: callers write a path to the body instead ({@link #bodyPath}).
 */
public final class ValueText {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ValueText() {}

  public static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Instant i) {
      return DATE_TIME.format(i);
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof BlobRef b) {
      return "blob:" + b.bodyHash().hex();
    }
    return v.toString();
  }

  /**
   * Where a backup export puts a file body, relative to the zip's root; Data Loader accepts such a
   * path in a base64 column when importing.
   */
  public static String bodyPath(String object, String id, String field) {
    return "files/" + object + "/" + id + "/" + field;
  }
}
