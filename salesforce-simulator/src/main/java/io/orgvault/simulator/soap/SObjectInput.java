package io.orgvault.simulator.soap;

import io.orgvault.simulator.org.DmlException;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An sObject sent to {@code create}, {@code update} or {@code upsert}: {@code <type>}, an optional
 * {@code <Id>}, {@code <fieldsToNull>} and one element per field. A field element that holds a
 * nested sObject sets a reference by the parent's external Id, as in {@code
 * <Account><type>Account</type><AccountNumber>A-1</AccountNumber></Account>}.
 *
 * @param error a problem that fails this record alone (reported in its result), or null
 */
record SObjectInput(
    SObjectSchema schema, String id, Map<String, Object> fields, DmlException error) {

  /**
   * Reads one sObject element.
   *
   * @throws SoapFault {@code INVALID_TYPE} when the type is missing or unknown: the whole call
   *     fails
   */
  static SObjectInput read(XmlNode node, Org org) {
    String type = node.childText("type");
    if (type == null || type.isBlank()) {
      throw SoapFault.unexpected("INVALID_TYPE", "Must send a concrete entity type.");
    }
    SObjectSchema schema = org.catalog().object(type.trim());
    if (schema == null) {
      throw SoapFault.invalidType(type.trim());
    }
    String id = null;
    Map<String, Object> fields = new LinkedHashMap<>();
    try {
      for (XmlNode c : node.children()) {
        switch (c.name()) {
          case "type" -> {}
          case "Id" -> id = blankToNull(c.text());
          case "fieldsToNull" -> {
            String name = blankToNull(c.text());
            if (name != null) {
              fields.put(name.trim(), null);
            }
          }
          default -> {
            if (c.hasChildren()) {
              FieldDef ref = reference(schema, c.name());
              fields.put(ref.name(), parentByExternalId(org, ref, c));
            } else {
              fields.put(c.name(), value(schema, c));
            }
          }
        }
      }
      return new SObjectInput(schema, id, fields, null);
    } catch (DmlException e) {
      return new SObjectInput(schema, id, fields, e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** The text of a field element; a date-time sent for a date field keeps its date part. */
  private static String value(SObjectSchema schema, XmlNode c) {
    String text = c.text();
    FieldDef f = schema.field(c.name());
    if (text != null && f != null && f.type() == FieldType.DATE && text.length() > 10) {
      int t = text.indexOf('T');
      if (t == 10) {
        return text.substring(0, 10);
      }
    }
    return text;
  }

  private static FieldDef reference(SObjectSchema schema, String relationship) {
    FieldDef ref = schema.relationship(relationship);
    if (ref == null) {
      throw new DmlException(
          "INVALID_FIELD",
          "No such column '" + relationship + "' on entity '" + schema.name() + "'",
          List.of(relationship));
    }
    return ref;
  }

  /** Finds the one live parent whose external Id field has the given value. */
  private static String parentByExternalId(Org org, FieldDef ref, XmlNode nested) {
    String type = nested.childText("type");
    String parentType =
        type != null ? type.trim() : ref.referenceTo().size() == 1 ? ref.referenceTo().get(0) : "";
    SObjectSchema parent =
        ref.referenceTo().stream().anyMatch(t -> t.equalsIgnoreCase(parentType))
            ? org.catalog().object(parentType)
            : null;
    if (parent == null) {
      throw new DmlException(
          "INVALID_FIELD",
          "A reference through " + ref.relationshipName() + " must be to " + ref.referenceTo(),
          List.of(ref.name()));
    }
    List<XmlNode> keys = new ArrayList<>();
    for (XmlNode k : nested.children()) {
      if (!k.name().equals("type") && !k.name().equals("fieldsToNull")) {
        keys.add(k);
      }
    }
    FieldDef key = keys.size() == 1 ? parent.field(keys.get(0).name()) : null;
    if (key == null || !(key.externalId() || key.name().equals(SObjectSchema.ID))) {
      throw new DmlException(
          "INVALID_FIELD",
          "A reference through "
              + ref.relationshipName()
              + " must give exactly one external Id field of "
              + parent.name(),
          List.of(ref.name()));
    }
    Object wanted = FieldValues.coerce(key, keys.get(0).text());
    ObjectTable t = org.table(parent.name());
    int fi = parent.fieldIndex(key.name());
    String found = null;
    for (int r = 0; r < t.size() && wanted != null; r++) {
      if (t.isLive(r) && wanted.equals(t.value(r, fi))) {
        if (found != null) {
          throw new DmlException(
              "DUPLICATE_EXTERNAL_ID",
              key.name() + ": more than one record found for external id field: " + wanted,
              List.of(ref.name()));
        }
        found = t.id(r);
      }
    }
    if (found == null) {
      throw new DmlException(
          "INVALID_FIELD",
          "Foreign key external ID: "
              + keys.get(0).text()
              + " not found for field "
              + key.name()
              + " in entity "
              + parent.name(),
          List.of(ref.name()));
    }
    return found;
  }
}
