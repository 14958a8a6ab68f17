package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import java.util.List;

/**
 * The rows a query selected, in order, with the columns to render. Rows are kept as row numbers of
 * the queried object's table; values are read when a page is rendered, through {@link #value}.
 */
public interface QueryResult {
  SObjectSchema object();

  ObjectTable table();

  /** The selected columns in SELECT order; empty for {@code SELECT COUNT()}. */
  List<Column> columns();

  /** True for {@code SELECT COUNT() ...}: only {@link #totalSize()} is meaningful. */
  boolean isCount();

  /** The number of rows the query matched (after LIMIT/OFFSET). */
  int totalSize();

  /** The table row number of result row {@code i} (0-based, {@code i < totalSize()}). */
  int row(int i);

  /**
   * The canonical value (see {@code FieldValues}) of a column for result row {@code i}, following
   * parent relationships; null when the field is null or a parent on the path is null.
   */
  Object value(int i, Column column);

  /**
   * The Id and object of the parent record reached by following {@code relationships} from result
   * row {@code i} (REST and SOAP render it as a nested record with its own {@code attributes}), or
   * null when a reference on the way is null.
   */
  ParentRef parent(int i, List<String> relationships);

  /** Whether the query has an OFFSET clause (Bulk API 2.0 refuses such queries). */
  default boolean usesOffset() {
    return false;
  }

  /** Whether the SELECT list uses {@code FIELDS(...)} (Bulk API 2.0 refuses such queries). */
  default boolean usesFieldsFunction() {
    return false;
  }

  /** A parent record reached through relationships. */
  record ParentRef(SObjectSchema object, String id) {}
}
