package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The result of a query: row numbers of the queried table; values are read on demand. */
final class SelectedRows implements QueryResult {
  private final Org org;
  private final ObjectTable table;
  private final List<Column> columns;
  private final boolean count;
  private final int[] rows;
  private final int from;
  private final int size;
  private final boolean usesOffset;
  private final boolean usesFieldsFunction;
  private final Map<Column, FieldPath> paths = new ConcurrentHashMap<>();
  private final Map<List<String>, FieldPath> parents = new ConcurrentHashMap<>();

  /**
   * @param rows the matching rows in order; the result is {@code rows[from..from+size)}
   */
  SelectedRows(
      Org org,
      ObjectTable table,
      List<FieldPath> selected,
      boolean count,
      int[] rows,
      int from,
      int size,
      boolean usesOffset,
      boolean usesFieldsFunction) {
    this.org = org;
    this.table = table;
    List<Column> cols = new ArrayList<>();
    for (FieldPath p : selected) {
      cols.add(p.column());
      paths.put(p.column(), p);
    }
    this.columns = List.copyOf(cols);
    this.count = count;
    this.rows = rows;
    this.from = from;
    this.size = size;
    this.usesOffset = usesOffset;
    this.usesFieldsFunction = usesFieldsFunction;
  }

  @Override
  public SObjectSchema object() {
    return table.schema();
  }

  @Override
  public ObjectTable table() {
    return table;
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public boolean isCount() {
    return count;
  }

  @Override
  public int totalSize() {
    return size;
  }

  @Override
  public int row(int i) {
    if (count || i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("result row " + i + " of " + (count ? 0 : size));
    }
    return rows[from + i];
  }

  @Override
  public Object value(int i, Column column) {
    int row = row(i);
    FieldPath p =
        paths.computeIfAbsent(
            column, c -> PathResolver.resolveColumn(org, table.schema(), c.path()));
    return p.value(row);
  }

  @Override
  public ParentRef parent(int i, List<String> relationships) {
    int row = row(i);
    if (relationships.isEmpty()) {
      return new ParentRef(table.schema(), table.id(row));
    }
    List<String> key = new ArrayList<>(relationships.size());
    for (String r : relationships) {
      key.add(r.toLowerCase(Locale.ROOT));
    }
    FieldPath p =
        parents.computeIfAbsent(
            List.copyOf(key),
            k -> {
              List<String> path = new ArrayList<>(relationships);
              path.add("Id");
              return PathResolver.resolveColumn(org, table.schema(), path);
            });
    FieldPath.Reached end = p.follow(row);
    return end == null ? null : new ParentRef(end.table().schema(), end.table().id(end.row()));
  }

  @Override
  public boolean usesOffset() {
    return usesOffset;
  }

  @Override
  public boolean usesFieldsFunction() {
    return usesFieldsFunction;
  }
}
