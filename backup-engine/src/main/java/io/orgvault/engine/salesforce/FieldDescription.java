package io.orgvault.engine.salesforce;

import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.ObjectDescribe;
import io.orgvault.engine.store.ValueKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One field of an object, from the describe call.
 *
 * @param type the describe type name, e.g. {@code string}, {@code currency}, {@code datetime}
 * @param length text length (0 when not text)
 * @param precision total digits of a number with a fraction (0 otherwise)
 * @param scale digits after the point of a number with a fraction (0 otherwise)
 * @param digits whole-number digits of {@code int} fields
 * @param referenceTo the objects a reference field points to (empty otherwise)
 * @param relationshipName the parent relationship's name of a reference field, or null
 * @param autoNumber numbered by Salesforce on insert (never createable)
 * @param restrictedDelete the parent cannot be deleted while this reference points at it
 */
public record FieldDescription(
    String name,
    String label,
    String type,
    String soapType,
    int length,
    int precision,
    int scale,
    int digits,
    boolean nillable,
    boolean createable,
    boolean updateable,
    boolean calculated,
    boolean externalId,
    boolean idLookup,
    boolean cascadeDelete,
    List<String> referenceTo,
    String relationshipName,
    boolean autoNumber,
    boolean restrictedDelete) {

  /** Compound fields: their parts are fields of their own, and Bulk API cannot select them. */
  private static final Set<String> COMPOUND = Set.of("address", "location");

  public FieldDescription {
    referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
    type = type.toLowerCase(Locale.ROOT);
  }

  /** The canonical Java type the store keeps this field's values as. */
  public ValueKind valueKind() {
    return ValueKind.forSalesforceType(type);
  }

  /** A file body (base64): never selected in a query; read it with {@code openBlob}. */
  public boolean isBlob() {
    return type.equals("base64");
  }

  /** An address or geolocation compound: its parts are selected instead. */
  public boolean isCompound() {
    return COMPOUND.contains(type);
  }

  /** Whether record extraction selects this field: everything but blobs and compounds. */
  public boolean extractable() {
    return !isBlob() && !isCompound();
  }

  /** The field's relationships and write rules as the store's manifest records them. */
  public ObjectDescribe.FieldDescribe toFieldDescribe() {
    return new ObjectDescribe.FieldDescribe(
        referenceTo,
        relationshipName,
        createable,
        updateable,
        nillable,
        calculated,
        autoNumber,
        externalId,
        cascadeDelete,
        restrictedDelete);
  }

  /** The field as the store's manifest records it. */
  public FieldSchema toFieldSchema() {
    return new FieldSchema(name, type, length, precision, scale);
  }
}
