package io.orgvault.simulator.rest;

import io.orgvault.simulator.org.DmlException;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.Org.RowRef;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.org.SalesforceId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, without writing, the error an insert, update or delete would fail with, mirroring the
 * org's DML validation. An all-or-none collection request checks every record first so that, in the
 * usual case, a failure leaves the org untouched instead of needing compensating writes.
 */
final class DmlPrecheck {
  private final Org org;

  DmlPrecheck(Org org) {
    this.org = org;
  }

  /** The error inserting these fields would give, or null. */
  DmlException insert(SObjectSchema s, Map<String, Object> fields) {
    try {
      if (!s.createable()) {
        throw new DmlException(
            "INVALID_TYPE", "entity type " + s.name() + " does not support insert");
      }
      Map<String, Object> values = new HashMap<>();
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        FieldDef f = field(s, e.getKey());
        if (f.name().equals(SObjectSchema.ID) && e.getValue() == null) {
          continue;
        }
        if (f.name().equals(SObjectSchema.ID) || !f.createable()) {
          throw notWritable(f);
        }
        values.put(f.name(), FieldValues.coerce(f, e.getValue()));
      }
      for (FieldDef f : s.fields()) {
        if (f.createable()
            && !f.nillable()
            && values.get(f.name()) == null
            && !defaulted(s, f, values)) {
          throw new DmlException(
              "REQUIRED_FIELD_MISSING",
              "Required fields are missing: [" + f.name() + "]",
              List.of(f.name()));
        }
      }
      for (FieldDef f : s.fields()) {
        if (f.isReference() && f.createable() && values.get(f.name()) != null) {
          reference(f, (String) values.get(f.name()));
        }
      }
      return null;
    } catch (DmlException e) {
      return e;
    }
  }

  /** The error updating a record with these fields would give, or null. */
  DmlException update(String object, String id, Map<String, Object> fields) {
    try {
      if (id == null) {
        throw new DmlException("MISSING_ARGUMENT", "Id not specified in an update call");
      }
      RowRef ref = row(id);
      SObjectSchema s = ref.table().schema();
      if (object != null && !s.name().equalsIgnoreCase(object)) {
        throw new DmlException(
            "MALFORMED_ID", "Provided Id " + id + " is not of type " + object, List.of("Id"));
      }
      if (!ref.table().isLive(ref.row())) {
        throw new DmlException("ENTITY_IS_DELETED", "entity is deleted");
      }
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        FieldDef f = field(s, e.getKey());
        if (f.name().equals(SObjectSchema.ID)) {
          continue;
        }
        if (!f.updateable()) {
          throw notWritable(f);
        }
        Object v = FieldValues.coerce(f, e.getValue());
        if (v == null && !f.nillable()) {
          throw new DmlException(
              "REQUIRED_FIELD_MISSING",
              "Required fields are missing: [" + f.name() + "]",
              List.of(f.name()));
        }
        if (f.isReference() && v != null) {
          reference(f, (String) v);
        }
      }
      return null;
    } catch (DmlException e) {
      return e;
    }
  }

  /** The error deleting a record would give, or null. */
  DmlException delete(String id) {
    try {
      RowRef ref = row(id);
      if (!ref.table().schema().deletable()) {
        throw new DmlException(
            "INVALID_OPERATION", "Cannot delete records of " + ref.table().schema().name());
      }
      if (!ref.table().isLive(ref.row())) {
        throw new DmlException("ENTITY_IS_DELETED", "entity is deleted");
      }
      return null;
    } catch (DmlException e) {
      return e;
    }
  }

  /** Whether the org fills in a required field the client left out. */
  private static boolean defaulted(SObjectSchema s, FieldDef f, Map<String, Object> values) {
    if (f.name().equals(SObjectSchema.OWNER_ID) || f.type() == FieldType.BOOLEAN) {
      return true;
    }
    if (f.defaultedOnCreate() && f.type() == FieldType.PICKLIST) {
      return true;
    }
    // A new file version takes its title from the file name.
    return s.name().equals("ContentVersion")
        && f.name().equals("Title")
        && values.get("PathOnClient") != null;
  }

  private void reference(FieldDef f, String id) {
    RowRef ref = org.find(id);
    boolean typeOk =
        ref != null
            && f.referenceTo().stream()
                .anyMatch(o -> o.equalsIgnoreCase(ref.table().schema().name()));
    if (ref == null || !typeOk || !ref.table().isLive(ref.row())) {
      throw new DmlException(
          ref != null && typeOk ? "ENTITY_IS_DELETED" : "INVALID_CROSS_REFERENCE_KEY",
          f.label() + ": id value of incorrect type: " + id,
          List.of(f.name()));
    }
  }

  private RowRef row(String id) {
    if (SalesforceId.normalize(id) == null) {
      throw new DmlException("MALFORMED_ID", "malformed id " + id, List.of("Id"));
    }
    RowRef ref = org.find(id);
    if (ref == null) {
      throw new DmlException("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
    }
    return ref;
  }

  private static FieldDef field(SObjectSchema s, String name) {
    FieldDef f = s.field(name);
    if (f == null) {
      throw new DmlException(
          "INVALID_FIELD",
          "No such column '" + name + "' on sobject of type " + s.name(),
          List.of(name));
    }
    return f;
  }

  private static DmlException notWritable(FieldDef f) {
    return new DmlException(
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        "Unable to create/update fields: "
            + f.name()
            + ". Please check the security settings of this field and verify that it is"
            + " read/write for your profile or permission set.",
        List.of(f.name()));
  }
}
