package io.orgvault.engine.salesforce;

import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.ObjectDescribe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An object's full describe: its flags, fields and child relationships. */
public record SObjectDescription(
    String name,
    String label,
    String keyPrefix,
    boolean custom,
    boolean queryable,
    boolean replicateable,
    boolean retrieveable,
    boolean createable,
    boolean updateable,
    boolean deletable,
    boolean undeletable,
    List<FieldDescription> fields,
    List<ChildRelationshipDescription> childRelationships) {

  public SObjectDescription {
    fields = List.copyOf(fields);
    childRelationships = List.copyOf(childRelationships);
  }

  /** The field of that name (case-insensitive, as Salesforce names are). */
  public Optional<FieldDescription> field(String fieldName) {
    String wanted = fieldName.toLowerCase(Locale.ROOT);
    return fields.stream()
        .filter(f -> f.name().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  /** The fields record extraction selects (all but file bodies and compound fields). */
  public List<FieldDescription> extractableFields() {
    return fields.stream().filter(FieldDescription::extractable).toList();
  }

  /** The file-body (base64) fields, whose contents are read one by one with {@code openBlob}. */
  public List<FieldDescription> blobFields() {
    return fields.stream().filter(FieldDescription::isBlob).toList();
  }

  /** Every field as the store's manifest records it. */
  public List<FieldSchema> fieldSchemas() {
    return fields.stream().map(FieldDescription::toFieldSchema).toList();
  }

  /** The relationships and field rules as the store's manifest records them. */
  public ObjectDescribe toObjectDescribe() {
    Map<String, ObjectDescribe.FieldDescribe> byName = new LinkedHashMap<>();
    for (FieldDescription f : fields) {
      byName.put(f.name(), f.toFieldDescribe());
    }
    return new ObjectDescribe(
        keyPrefix,
        byName,
        childRelationships.stream()
            .map(
                c ->
                    new ObjectDescribe.ChildRelation(
                        c.childSObject(), c.field(), c.relationshipName(), c.cascadeDelete()))
            .toList());
  }

  /** The field that orders changes: SystemModstamp, else LastModifiedDate, else CreatedDate. */
  public Optional<String> timestampField() {
    for (String candidate : List.of("SystemModstamp", "LastModifiedDate", "CreatedDate")) {
      Optional<FieldDescription> f = field(candidate);
      if (f.isPresent() && f.get().type().equals("datetime")) {
        return Optional.of(f.get().name());
      }
    }
    return Optional.empty();
  }

  Map<String, FieldDescription> fieldsByLowerName() {
    return fields.stream()
        .collect(
            Collectors.toMap(
                f -> f.name().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
  }
}
