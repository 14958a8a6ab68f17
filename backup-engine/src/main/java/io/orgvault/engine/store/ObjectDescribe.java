package io.orgvault.engine.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backup records of an object's describe beyond its storage schema: the relationships that
 * related-record navigation follows and the field rules a restore needs (which fields can be
 * written, which point at which objects, what deleting a parent does). Kept apart from {@link
 * FieldSchema}, which also lives in segment footers and decides how rows are read: these attributes
 * never change how a row is decoded, and a backup written before they were recorded simply has none
 * (then {@link Manifest.ObjectEntry#describe()} is null).
 *
 * @param keyPrefix the 3-character Id prefix of the object's records, or null (objects without one)
 * @param fields per field name, in schema order
 * @param childRelationships the reference fields of other objects that point at this one
 */
public record ObjectDescribe(
    String keyPrefix, Map<String, FieldDescribe> fields, List<ChildRelation> childRelationships) {

  public ObjectDescribe {
    fields.keySet().forEach(Names::requireFieldName);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    childRelationships = List.copyOf(childRelationships);
  }

  public Optional<FieldDescribe> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /** The reference fields (those with a {@code referenceTo}), in schema order. */
  public List<String> referenceFields() {
    List<String> out = new ArrayList<>();
    fields.forEach(
        (name, f) -> {
          if (!f.referenceTo().isEmpty()) {
            out.add(name);
          }
        });
    return out;
  }

  /**
   * One field's describe attributes.
   *
   * @param referenceTo the objects a reference field can point at (several for a polymorphic lookup
   *     such as {@code WhatId}); empty for other fields
   * @param relationshipName the parent relationship's name ({@code Account} for {@code AccountId}),
   *     or null
   * @param autoNumber filled by Salesforce on insert, so never createable
   * @param cascadeDelete deleting the parent deletes this record (master-detail)
   * @param restrictedDelete the parent cannot be deleted while this record points at it
   */
  public record FieldDescribe(
      List<String> referenceTo,
      String relationshipName,
      boolean createable,
      boolean updateable,
      boolean nillable,
      boolean calculated,
      boolean autoNumber,
      boolean externalId,
      boolean cascadeDelete,
      boolean restrictedDelete) {
    public FieldDescribe {
      referenceTo = referenceTo == null ? List.of() : List.copyOf(referenceTo);
    }
  }

  /**
   * A child relationship: {@code childSObject.field} points at the object.
   *
   * @param relationshipName e.g. {@code Contacts}, or null for relationships without a name
   */
  public record ChildRelation(
      String childSObject, String field, String relationshipName, boolean cascadeDelete) {
    public ChildRelation {
      Names.requireObjectName(childSObject);
      Names.requireFieldName(field);
    }
  }
}
