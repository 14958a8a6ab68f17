package io.orgvault.simulator.org;

import java.util.List;

/**
 * One field of an sObject as describe reports it, plus two simulator-only properties: {@code
 * generator}, the kind of value the org generator fills in, and {@code mutable}, whether a
 * simulated update changes it.
 *
 * @param length for text fields the maximum length; 0 for other types
 * @param referenceTo the objects a reference field may point at (empty for other types)
 * @param relationshipName the name used in SOQL to traverse a reference ({@code Account}, {@code
 *     Project__r}); null for other types
 * @param cascadeDelete true for a master-detail reference: deleting the master deletes the detail
 */
public record FieldDef(
    String name,
    String label,
    FieldType type,
    int length,
    int precision,
    int scale,
    List<String> referenceTo,
    String relationshipName,
    boolean createable,
    boolean updateable,
    boolean nillable,
    boolean externalId,
    boolean unique,
    boolean custom,
    boolean defaultedOnCreate,
    boolean cascadeDelete,
    List<String> picklistValues,
    String generator,
    boolean mutable) {

  public FieldDef {
    referenceTo = List.copyOf(referenceTo);
    picklistValues = List.copyOf(picklistValues);
  }

  public boolean isReference() {
    return type == FieldType.REFERENCE;
  }

  /** A field the system sets: never createable or updateable through the API. */
  public boolean isSystem() {
    return !createable && !updateable;
  }

  /** Whether describe should flag the field as required on create. */
  public boolean requiredOnCreate() {
    return createable && !nillable && !defaultedOnCreate && type != FieldType.BOOLEAN;
  }

  public static Builder builder(String name, FieldType type) {
    return new Builder(name, type);
  }

  /** Builds a field; defaults are those of a nillable, createable and updateable custom field. */
  public static final class Builder {
    private final String name;
    private final FieldType type;
    private String label;
    private int length;
    private int precision;
    private int scale;
    private List<String> referenceTo = List.of();
    private String relationshipName;
    private boolean createable = true;
    private boolean updateable = true;
    private boolean nillable = true;
    private boolean externalId;
    private boolean unique;
    private boolean defaultedOnCreate;
    private boolean cascadeDelete;
    private List<String> picklistValues = List.of();
    private String generator = "none";
    private boolean mutable;

    private Builder(String name, FieldType type) {
      this.name = name;
      this.type = type;
      this.label = name.replace("__c", "").replace('_', ' ');
      this.length =
          switch (type) {
            case STRING, EMAIL, URL, PICKLIST -> 255;
            case PHONE -> 40;
            case TEXTAREA -> 32000;
            case ID, REFERENCE -> 18;
            default -> 0;
          };
      if (type.isNumber() && type != FieldType.INT) {
        precision = 18;
        scale = 2;
      }
      if (type == FieldType.INT) {
        precision = 9;
      }
    }

    public Builder label(String v) {
      label = v;
      return this;
    }

    public Builder length(int v) {
      length = v;
      return this;
    }

    public Builder reference(String relationship, String... targets) {
      referenceTo = List.of(targets);
      relationshipName = relationship;
      return this;
    }

    public Builder system() {
      createable = false;
      updateable = false;
      return this;
    }

    public Builder createOnly() {
      updateable = false;
      return this;
    }

    public Builder required() {
      nillable = false;
      return this;
    }

    public Builder notNull() {
      nillable = false;
      return this;
    }

    public Builder externalId() {
      externalId = true;
      unique = true;
      return this;
    }

    public Builder defaulted() {
      defaultedOnCreate = true;
      return this;
    }

    /** Deleting the parent deletes this row too (a lookup with cascade, like Contact.AccountId). */
    public Builder cascade() {
      cascadeDelete = true;
      return this;
    }

    public Builder masterDetail() {
      cascadeDelete = true;
      nillable = false;
      return this;
    }

    public Builder picklist(String... values) {
      picklistValues = List.of(values);
      return this;
    }

    public Builder gen(String kind) {
      generator = kind;
      return this;
    }

    public Builder mutable() {
      mutable = true;
      return this;
    }

    public FieldDef build() {
      boolean custom = name.endsWith("__c");
      return new FieldDef(
          name,
          label,
          type,
          length,
          precision,
          scale,
          referenceTo,
          relationshipName,
          createable,
          updateable,
          nillable,
          externalId,
          unique,
          custom,
          defaultedOnCreate,
          cascadeDelete,
          picklistValues,
          generator,
          mutable);
    }
  }
}
