package io.orgvault.engine.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one object as a segment knows them: rows refer to a field by its index here, and
 * the list is stored in the segment's footer, so every segment decodes with the schema it was
 * written with.
 */
final class FieldDictionary {
  private final List<FieldSchema> fields;
  private final Map<String, Integer> index = new HashMap<>();

  FieldDictionary(List<FieldSchema> fields) {
    this.fields = List.copyOf(fields);
    for (int i = 0; i < this.fields.size(); i++) {
      if (index.put(this.fields.get(i).name(), i) != null) {
        throw new IllegalArgumentException("field " + this.fields.get(i).name() + " listed twice");
      }
    }
  }

  List<FieldSchema> fields() {
    return fields;
  }

  int size() {
    return fields.size();
  }

  FieldSchema get(int i) {
    return fields.get(i);
  }

  /** The field's index, or -1 if the schema does not have it. */
  int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }
}
