package io.orgvault.engine.store;

import java.util.Objects;

/**
 * One field of an object's describe result as recorded in a backup's manifest. Each backup keeps
 * its own schema, so a field whose type changed between backups is read with the schema of the
 * backup that wrote it.
 *
 * @param type the Salesforce describe type name, e.g. {@code string}, {@code currency}
 * @param length describe length (text fields), 0 when not applicable
 * @param precision describe precision (numbers), 0 when not applicable
 * @param scale describe scale (numbers), 0 when not applicable
 */
public record FieldSchema(String name, String type, int length, int precision, int scale) {
  public FieldSchema {
    Names.requireFieldName(name);
    Objects.requireNonNull(type, "type");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("field " + name + " has an empty type");
    }
  }

  public static FieldSchema of(String name, String type) {
    return new FieldSchema(name, type, 0, 0, 0);
  }

  public ValueKind valueKind() {
    return ValueKind.forSalesforceType(type);
  }
}
