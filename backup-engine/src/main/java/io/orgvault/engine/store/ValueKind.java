package io.orgvault.engine.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The canonical Java type a Salesforce field type is stored as.
 *
 * <ul>
 *   <li>{@code double}, {@code currency}, {@code percent}: {@link BigDecimal}, built from the text
 *       Salesforce sends, so "12.50" comes back as "12.50" (a binary double could not promise it).
 *   <li>{@code int}, {@code long}: {@link Long}. {@code boolean}: {@link Boolean}.
 *   <li>{@code date}: {@link LocalDate}; {@code datetime}: {@link Instant} (UTC, millisecond
 *       precision from Salesforce, nanoseconds kept if given).
 *   <li>{@code base64}: {@link BlobRef} (the body lives in the blob store).
 *   <li>everything else (id, reference, string, textarea, picklists, email, phone, url, time,
 *       compound address/location as JSON text, and types Salesforce adds later): {@link String}.
 * </ul>
 */
public enum ValueKind {
  STRING(String.class),
  BOOLEAN(Boolean.class),
  LONG(Long.class),
  DECIMAL(BigDecimal.class),
  DATE(LocalDate.class),
  INSTANT(Instant.class),
  BLOB(BlobRef.class);

  private final Class<?> javaType;

  ValueKind(Class<?> javaType) {
    this.javaType = javaType;
  }

  public Class<?> javaType() {
    return javaType;
  }

  /** Whether {@code value} (null = blank) may be stored for a field of this kind. */
  public boolean accepts(Object value) {
    return value == null || javaType.isInstance(value);
  }

  /** The kind for a describe type name such as {@code "currency"} (case-insensitive). */
  public static ValueKind forSalesforceType(String type) {
    // Called for every value extracted: describe results spell types in lower case already, so
    // the lower-casing copy is made only for other spellings.
    ValueKind k = ofLowerCase(type);
    if (k == STRING && !type.equals(type.toLowerCase(Locale.ROOT))) {
      k = ofLowerCase(type.toLowerCase(Locale.ROOT));
    }
    return k;
  }

  private static ValueKind ofLowerCase(String type) {
    switch (type) {
      case "boolean":
        return BOOLEAN;
      case "int":
      case "long":
        return LONG;
      case "double":
      case "currency":
      case "percent":
        return DECIMAL;
      case "date":
        return DATE;
      case "datetime":
        return INSTANT;
      case "base64":
        return BLOB;
      default:
        return STRING;
    }
  }
}
