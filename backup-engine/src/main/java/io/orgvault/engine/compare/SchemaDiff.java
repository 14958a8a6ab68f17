package io.orgvault.engine.compare;

import io.orgvault.engine.store.FieldSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an object's describe schema differs between A and B. Fields only one side has are reported
 * here and never as value changes; a field whose type changed is compared by value all the same.
 *
 * @param inFrom whether backup A has the object at all
 * @param inTo whether backup B has the object at all
 */
public record SchemaDiff(
    String object,
    boolean inFrom,
    boolean inTo,
    List<String> addedFields,
    List<String> removedFields,
    List<String> typeChangedFields) {
  public SchemaDiff {
    addedFields = List.copyOf(addedFields);
    removedFields = List.copyOf(removedFields);
    typeChangedFields = List.copyOf(typeChangedFields);
  }

  /** Compares two schemas; a null schema means the backup does not have the object. */
  static SchemaDiff of(String object, List<FieldSchema> from, List<FieldSchema> to) {
    Map<String, FieldSchema> a = byName(from);
    Map<String, FieldSchema> b = byName(to);
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> typeChanged = new ArrayList<>();
    if (from != null && to != null) {
      for (FieldSchema f : to) {
        FieldSchema old = a.get(f.name());
        if (old == null) {
          added.add(f.name());
        } else if (!old.type().equals(f.type())) {
          typeChanged.add(f.name());
        }
      }
      for (FieldSchema f : from) {
        if (!b.containsKey(f.name())) {
          removed.add(f.name());
        }
      }
    }
    return new SchemaDiff(object, from != null, to != null, added, removed, typeChanged);
  }

  public boolean isEmpty() {
    return inFrom
        && inTo
        && addedFields.isEmpty()
        && removedFields.isEmpty()
        && typeChangedFields.isEmpty();
  }

  private static Map<String, FieldSchema> byName(List<FieldSchema> fields) {
    Map<String, FieldSchema> m = new LinkedHashMap<>();
    if (fields != null) {
      for (FieldSchema f : fields) {
        m.put(f.name(), f);
      }
    }
    return m;
  }
}
