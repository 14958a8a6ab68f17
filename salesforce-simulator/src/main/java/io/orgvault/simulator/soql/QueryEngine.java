package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.soql.SoqlQuery.CountItem;
import io.orgvault.simulator.soql.SoqlQuery.FieldItem;
import io.orgvault.simulator.soql.SoqlQuery.FieldsItem;
import io.orgvault.simulator.soql.SoqlQuery.OrderItem;
import io.orgvault.simulator.soql.SoqlQuery.SelectItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses and runs the SOQL the product needs against an org: field lists with parent relationship
 * fields, {@code WHERE} on dates, date-times, Ids, strings, numbers, booleans and {@code IsDeleted}
 * (with {@code AND}, {@code OR}, {@code NOT}, parentheses, {@code IN}, {@code LIKE}), {@code ORDER
 * BY}, {@code LIMIT}, {@code OFFSET} and {@code COUNT()}.
 *
 * <p>A query scans row numbers only: the WHERE clause is compiled once into a predicate over rows,
 * rows come in Id order for free (the Id encodes the row), and the result keeps an {@code int[]} of
 * matching rows whose values are generated when a page is rendered.
 */
public final class QueryEngine {
  /** Salesforce's largest OFFSET. */
  static final int MAX_OFFSET = 2000;

  /** FIELDS(ALL) and FIELDS(CUSTOM) need a LIMIT of at most this. */
  static final int FIELDS_LIMIT = 200;

  private final Org org;

  public QueryEngine(Org org) {
    this.org = org;
  }

  /**
   * Runs a query.
   *
   * @param includeDeleted true for {@code queryAll}: rows in the recycle bin are visible too
   * @throws SoqlException when Salesforce would refuse the query
   */
  public QueryResult execute(String soql, boolean includeDeleted) {
    QueryText q = new QueryText(soql == null ? "" : soql);
    SoqlQuery query = Parser.parse(q);
    Token objectName = query.object();
    SObjectSchema schema = org.catalog().object(objectName.text());
    if (schema == null || !schema.queryable()) {
      throw q.error(
          "INVALID_TYPE",
          objectName.offset(),
          "sObject type '"
              + objectName.text()
              + "' is not supported. If you are attempting to use a custom object, be sure to"
              + " append the '__c' after the entity name. Please reference your WSDL or the"
              + " describe call for the appropriate names.");
    }
    ObjectTable table = org.table(schema.name());
    PathResolver resolver = new PathResolver(org, q, schema, query.alias());

    boolean count = false;
    boolean fieldsFunction = false;
    List<FieldPath> selected = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (SelectItem item : query.select()) {
      if (item instanceof CountItem c) {
        if (query.select().size() > 1) {
          throw q.error(
              "MALFORMED_QUERY",
              c.token().offset(),
              "COUNT() must be the only element in the SELECT list");
        }
        count = true;
      } else if (item instanceof FieldsItem f) {
        fieldsFunction = true;
        if (!f.kind().equals("STANDARD")
            && (query.limit() == null || query.limit() > FIELDS_LIMIT)) {
          throw q.error(
              "MALFORMED_QUERY",
              f.token().offset(),
              "The SOQL FIELDS function must have a LIMIT of at most " + FIELDS_LIMIT);
        }
        for (FieldDef def : schema.fields()) {
          boolean wanted =
              switch (f.kind()) {
                case "STANDARD" -> !def.custom();
                case "CUSTOM" -> def.custom();
                default -> true;
              };
          if (wanted) {
            Token t = new Token(Token.Kind.IDENT, def.name(), f.token().offset());
            addColumn(q, selected, seen, resolver.resolve(new SoqlQuery.Path(List.of(t))), t);
          }
        }
      } else {
        SoqlQuery.Path path = ((FieldItem) item).path();
        addColumn(q, selected, seen, resolver.resolve(path), path.segments().get(0));
      }
    }

    if (query.offset() != null && query.offset() > MAX_OFFSET) {
      throw new SoqlException(
          "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET);
    }

    FilterCompiler compiler = new FilterCompiler(q, resolver, table, org.clock().now());
    RowFilter filter = compiler.compile(query.where());
    List<RowSorter.Key> keys = new ArrayList<>();
    for (OrderItem o : query.orderBy()) {
      FieldPath p = resolver.resolve(o.path());
      if (!p.filterable()) {
        throw q.error(
            "INVALID_FIELD",
            o.path().offset(),
            "field '" + p.name() + "' can not be sorted in a query call");
      }
      keys.add(new RowSorter.Key(p, o.descending(), o.nullsFirst()));
    }

    // Rows are stored in Id order, so ORDER BY Id (the first key decides: Ids are unique) needs
    // no sort, and with a LIMIT the scan can stop early.
    boolean byId = !keys.isEmpty() && isOwnId(keys.get(0).path());
    boolean natural = keys.isEmpty() || byId;
    boolean reverse = byId && keys.get(0).descending();
    int offset = query.offset() == null ? 0 : query.offset();
    long needed = query.limit() == null ? -1 : (long) offset + query.limit();

    int[] bounds = compiler.idBounds(query.where(), table.size());
    Scan scan = new Scan(table, filter, includeDeleted, natural ? needed : -1, count);
    if (reverse) {
      for (int r = bounds[1] - 1; r >= bounds[0] && scan.accept(r); r--) {}
    } else {
      for (int r = bounds[0]; r < bounds[1] && scan.accept(r); r++) {}
    }
    if (!natural && !count) {
      RowSorter.sort(scan.rows, scan.n, keys, table);
    }
    int from = Math.min(offset, scan.n);
    int size = scan.n - from;
    if (query.limit() != null) {
      size = Math.min(size, query.limit());
    }
    return new SelectedRows(
        org,
        table,
        count ? List.of() : selected,
        count,
        count ? new int[0] : scan.rows,
        count ? 0 : from,
        size,
        query.offset() != null,
        fieldsFunction);
  }

  private static void addColumn(
      QueryText q, List<FieldPath> selected, Set<String> seen, FieldPath p, Token at) {
    if (!seen.add(p.column().dotted().toLowerCase(Locale.ROOT))) {
      throw q.error(
          "INVALID_FIELD", at.offset(), "duplicate field selected: " + p.column().dotted());
    }
    selected.add(p);
  }

  private static boolean isOwnId(FieldPath p) {
    return p.isOwn() && p.field().name().equals(SObjectSchema.ID);
  }

  /** Collects matching rows; stops once {@code needed} rows are found (when it is not -1). */
  private static final class Scan {
    private final ObjectTable table;
    private final RowFilter filter;
    private final boolean includeDeleted;
    private final long needed;
    private final boolean countOnly;
    int[] rows = new int[256];
    int n;

    Scan(ObjectTable table, RowFilter filter, boolean includeDeleted, long needed, boolean count) {
      this.table = table;
      this.filter = filter;
      this.includeDeleted = includeDeleted;
      this.needed = needed;
      this.countOnly = count;
    }

    /** Offers a row; returns false when the scan may stop. */
    boolean accept(int r) {
      if (needed >= 0 && n >= needed) {
        return false;
      }
      boolean visible = includeDeleted ? table.exists(r) : table.isLive(r);
      if (visible && filter.test(r)) {
        if (!countOnly) {
          if (n == rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
          }
          rows[n] = r;
        }
        n++;
      }
      return needed < 0 || n < needed;
    }
  }

  Org org() {
    return org;
  }
}
