package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A field of the queried object, or of a parent reached through reference fields, resolved against
 * the schema once so that reading it for a row costs only the lookups on the way.
 *
 * <p>A polymorphic relationship ({@code What}, {@code Parent}) resolves its parent by the Id's key
 * prefix; its field is looked up on whichever object that is.
 */
final class FieldPath {
  /** One reference followed from an object to its parent. */
  record Hop(int fieldIndex, FieldDef field, List<SObjectSchema> targets, ObjectTable fixedTable) {
    boolean polymorphic() {
      return fixedTable == null;
    }
  }

  /** A row of some table, reached by following hops. */
  record Reached(ObjectTable table, int row) {}

  private final Org org;
  private final ObjectTable root;
  private final List<Hop> hops;
  private final Column column;
  private final FieldDef field;

  /** The field's index when the object at the end is known; -1 after a polymorphic hop. */
  private final int fieldIndex;

  /** After a polymorphic hop, {@code Type} names the parent's object rather than a field. */
  private final boolean sObjectType;

  private final Map<SObjectSchema, Integer> polymorphicIndex = new ConcurrentHashMap<>();

  FieldPath(
      Org org,
      ObjectTable root,
      List<Hop> hops,
      Column column,
      FieldDef field,
      int fieldIndex,
      boolean sObjectType) {
    this.org = org;
    this.root = root;
    this.hops = List.copyOf(hops);
    this.column = column;
    this.field = field;
    this.fieldIndex = fieldIndex;
    this.sObjectType = sObjectType;
  }

  Column column() {
    return column;
  }

  /** The describe of the field (for a polymorphic parent, as the first target spells it). */
  FieldDef field() {
    return field;
  }

  FieldType type() {
    return field.type();
  }

  List<Hop> hops() {
    return hops;
  }

  /** A field of the queried object itself. */
  boolean isOwn() {
    return hops.isEmpty();
  }

  String name() {
    return column.dotted();
  }

  /** Salesforce refuses to filter or sort on long text areas and base64 fields. */
  boolean filterable() {
    return field.type() != FieldType.BASE64
        && !(field.type() == FieldType.TEXTAREA && field.length() > 255);
  }

  /** The row at the end of the hops, or null when a reference on the way is null or dangling. */
  Reached follow(int row) {
    ObjectTable table = root;
    int r = row;
    for (Hop hop : hops) {
      Object ref = table.value(r, hop.fieldIndex());
      if (ref == null) {
        return null;
      }
      if (hop.polymorphic()) {
        Org.RowRef found = org.find((String) ref);
        if (found == null || !hop.targets().contains(found.table().schema())) {
          return null;
        }
        table = found.table();
        r = found.row();
      } else {
        table = hop.fixedTable();
        r = table.rowOf((String) ref);
        if (r < 0 || !table.exists(r)) {
          return null;
        }
      }
    }
    return new Reached(table, r);
  }

  /** The canonical value for a row of the queried object. */
  Object value(int row) {
    if (hops.isEmpty()) {
      return root.value(row, fieldIndex);
    }
    Reached end = follow(row);
    if (end == null) {
      return null;
    }
    if (sObjectType) {
      return end.table().schema().name();
    }
    int index = fieldIndex >= 0 ? fieldIndex : indexOn(end.table().schema());
    return index < 0 ? null : end.table().value(end.row(), index);
  }

  private int indexOn(SObjectSchema s) {
    return polymorphicIndex.computeIfAbsent(s, o -> o.fieldIndex(field.name()));
  }
}
