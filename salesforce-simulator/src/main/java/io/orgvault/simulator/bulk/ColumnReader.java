package io.orgvault.simulator.bulk;

import io.orgvault.simulator.org.Catalog;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.soql.Column;
import io.orgvault.simulator.soql.QueryResult;

/**
 * Reads one selected column of a query result. A field of the queried object itself is read from
 * its table by index, skipping the engine's path resolution; parent fields go through the engine.
 */
final class ColumnReader {
  private final QueryResult result;
  private final Column column;
  private final ObjectTable table;
  private final int directIndex;

  ColumnReader(QueryResult result, Column column) {
    this.result = result;
    this.column = column;
    this.table = result.table();
    this.directIndex =
        column.relationships().isEmpty() ? result.object().fieldIndex(column.field()) : -1;
  }

  /** The value of result row {@code i}, whose table row is {@code row}. */
  Object read(int i, int row) {
    return directIndex >= 0 ? table.value(row, directIndex) : result.value(i, column);
  }

  /**
   * The field a column ends at, following parent relationships from the queried object, or null
   * when a step cannot be resolved (the engine has accepted the path, so this is only defensive).
   */
  static FieldDef field(Catalog catalog, QueryResult result, Column c) {
    SObjectSchema s = result.object();
    for (String rel : c.relationships()) {
      FieldDef ref = s.relationship(rel);
      if (ref == null || ref.referenceTo().isEmpty()) {
        return null;
      }
      s = catalog.object(ref.referenceTo().get(0));
      if (s == null) {
        return null;
      }
    }
    return s.field(c.field());
  }
}
