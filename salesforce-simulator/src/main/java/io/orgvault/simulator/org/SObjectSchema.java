package io.orgvault.simulator.org;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The describe of one sObject. Field lookups are case-insensitive, as in SOQL and the REST API; the
 * index of a field is its position in {@link #fields()}.
 */
public final class SObjectSchema {
  /** Names of the fields whose values the org sets itself on every row. */
  public static final String ID = "Id";

  public static final String IS_DELETED = "IsDeleted";
  public static final String CREATED_DATE = "CreatedDate";
  public static final String CREATED_BY_ID = "CreatedById";
  public static final String LAST_MODIFIED_DATE = "LastModifiedDate";
  public static final String LAST_MODIFIED_BY_ID = "LastModifiedById";
  public static final String SYSTEM_MODSTAMP = "SystemModstamp";
  public static final String OWNER_ID = "OwnerId";

  private final String name;
  private final String label;
  private final String labelPlural;
  private final String keyPrefix;
  private final boolean custom;
  private final boolean queryable;
  private final boolean bulkQueryable;
  private final boolean createable;
  private final boolean updateable;
  private final boolean deletable;
  private final boolean undeletable;
  private final boolean replicateable;
  private final List<FieldDef> fields;
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private final Map<String, Integer> relationshipIndex = new LinkedHashMap<>();
  private final List<ChildRelationship> childRelationships = new ArrayList<>();
  private final int[] salts;

  SObjectSchema(
      String name,
      String label,
      String labelPlural,
      String keyPrefix,
      boolean queryable,
      boolean bulkQueryable,
      boolean createable,
      boolean updateable,
      boolean deletable,
      boolean undeletable,
      boolean replicateable,
      List<FieldDef> fields) {
    this.name = name;
    this.label = label;
    this.labelPlural = labelPlural;
    this.keyPrefix = keyPrefix;
    this.custom = name.endsWith("__c");
    this.queryable = queryable;
    this.bulkQueryable = bulkQueryable;
    this.createable = createable;
    this.updateable = updateable;
    this.deletable = deletable;
    this.undeletable = undeletable;
    this.replicateable = replicateable;
    this.fields = List.copyOf(fields);
    this.salts = new int[this.fields.size()];
    for (int i = 0; i < this.fields.size(); i++) {
      FieldDef f = this.fields.get(i);
      salts[i] = ValueGenerator.salt(this, f);
      index.put(f.name().toLowerCase(Locale.ROOT), i);
      if (f.relationshipName() != null) {
        relationshipIndex.put(f.relationshipName().toLowerCase(Locale.ROOT), i);
      }
    }
  }

  public String name() {
    return name;
  }

  public String label() {
    return label;
  }

  public String labelPlural() {
    return labelPlural;
  }

  public String keyPrefix() {
    return keyPrefix;
  }

  public boolean custom() {
    return custom;
  }

  public boolean queryable() {
    return queryable;
  }

  /** False for objects Bulk API 2.0 refuses to query (e.g. ContentDocumentLink without filter). */
  public boolean bulkQueryable() {
    return bulkQueryable;
  }

  public boolean createable() {
    return createable;
  }

  public boolean updateable() {
    return updateable;
  }

  public boolean deletable() {
    return deletable;
  }

  public boolean undeletable() {
    return undeletable;
  }

  /** Whether getUpdated/getDeleted (and the REST updated/deleted resources) support it. */
  public boolean replicateable() {
    return replicateable;
  }

  public List<FieldDef> fields() {
    return fields;
  }

  public List<ChildRelationship> childRelationships() {
    return Collections.unmodifiableList(childRelationships);
  }

  void addChildRelationship(ChildRelationship rel) {
    childRelationships.add(rel);
  }

  /** The index of a field by case-insensitive name, or -1. */
  public int fieldIndex(String fieldName) {
    Integer i = index.get(fieldName.toLowerCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  public FieldDef field(String fieldName) {
    int i = fieldIndex(fieldName);
    return i < 0 ? null : fields.get(i);
  }

  /** The reference field behind a relationship name ({@code Account} on Contact), or null. */
  public FieldDef relationship(String relationshipName) {
    Integer i = relationshipIndex.get(relationshipName.toLowerCase(Locale.ROOT));
    return i == null ? null : fields.get(i);
  }

  /** The generator's hash salt of field {@code i}, computed once. */
  int salt(int i) {
    return salts[i];
  }

  public boolean hasOwner() {
    return fieldIndex(OWNER_ID) >= 0;
  }

  @Override
  public String toString() {
    return name;
  }
}
