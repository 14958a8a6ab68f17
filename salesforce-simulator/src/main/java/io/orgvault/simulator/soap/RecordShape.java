package io.orgvault.simulator.soap;

import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.soql.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the selected columns nest in a SOAP sObject: fields of the record itself in SELECT order, and
 * each parent relationship ({@code Account.Name}, {@code Account.Owner.Name}) as one nested sObject
 * at the position of its first column.
 */
final class RecordShape {
  /** One part of a record: a field, or a parent record reached through a relationship. */
  sealed interface Part permits Field, Parent {}

  record Field(Column column) implements Part {}

  /** A parent record: {@code path} is the relationships from the queried object to it. */
  record Parent(String relationship, List<String> path, RecordShape shape) implements Part {}

  private final List<Part> parts = new ArrayList<>();
  private final Map<String, Parent> parents = new LinkedHashMap<>();
  private Column idColumn;

  private RecordShape() {}

  static RecordShape of(List<Column> columns) {
    RecordShape root = new RecordShape();
    for (Column c : columns) {
      RecordShape at = root;
      List<String> path = new ArrayList<>();
      for (String rel : c.relationships()) {
        path.add(rel);
        String key = rel.toLowerCase(Locale.ROOT);
        Parent p = at.parents.get(key);
        if (p == null) {
          p = new Parent(rel, List.copyOf(path), new RecordShape());
          at.parents.put(key, p);
          at.parts.add(p);
        }
        at = p.shape();
      }
      at.parts.add(new Field(c));
      if (at.idColumn == null && c.field().equalsIgnoreCase(SObjectSchema.ID)) {
        at.idColumn = c;
      }
    }
    return root;
  }

  List<Part> parts() {
    return parts;
  }

  /** The column selecting this record's Id, or null when the query did not select it. */
  Column idColumn() {
    return idColumn;
  }
}
