package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.org.SalesforceId;
import io.orgvault.simulator.soql.SoqlQuery.And;
import io.orgvault.simulator.soql.SoqlQuery.Comparison;
import io.orgvault.simulator.soql.SoqlQuery.Condition;
import io.orgvault.simulator.soql.SoqlQuery.Not;
import io.orgvault.simulator.soql.SoqlQuery.Operator;
import io.orgvault.simulator.soql.SoqlQuery.Or;
import io.orgvault.simulator.soql.Token.Kind;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles a WHERE clause into a {@link RowFilter} once, checking every literal against its field's
 * type the way Salesforce does. Evaluation avoids boxing where it matters: the queried object's own
 * Id compares row numbers (the Id encodes the row), and its audit date-times are read straight from
 * the table's arrays.
 *
 * <p>SOQL's null semantics: {@code != value} and {@code NOT IN} match rows whose field is null;
 * ordering operators never match null.
 */
final class FilterCompiler {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long NULL_LONG = Long.MIN_VALUE;

  /** How a field's values compare. */
  private enum Domain {
    TEXT,
    ID,
    BOOLEAN,
    NUMBER,
    DATE,
    DATETIME
  }

  /** A half-open range {@code [lo, hi)} of epoch days or epoch millis. */
  private record Range(long lo, long hi) {}

  @FunctionalInterface
  private interface LongReader {
    long read(int row);
  }

  private final QueryText q;
  private final PathResolver resolver;
  private final ObjectTable table;
  private final LocalDate today;

  /** The first six characters every Id of the queried table shares. */
  private final String idPrefix;

  FilterCompiler(QueryText q, PathResolver resolver, ObjectTable table, Instant now) {
    this.q = q;
    this.resolver = resolver;
    this.table = table;
    this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    this.idPrefix = SalesforceId.of(table.schema().keyPrefix(), 1).substring(0, 6);
  }

  RowFilter compile(Condition c) {
    if (c == null) {
      return RowFilter.ALL;
    }
    if (c instanceof And and) {
      RowFilter[] parts = compileAll(and.terms());
      return row -> {
        for (RowFilter f : parts) {
          if (!f.test(row)) {
            return false;
          }
        }
        return true;
      };
    }
    if (c instanceof Or or) {
      RowFilter[] parts = compileAll(or.terms());
      return row -> {
        for (RowFilter f : parts) {
          if (f.test(row)) {
            return true;
          }
        }
        return false;
      };
    }
    if (c instanceof Not not) {
      RowFilter inner = compile(not.term());
      return row -> !inner.test(row);
    }
    return comparison((Comparison) c);
  }

  private RowFilter[] compileAll(List<Condition> terms) {
    RowFilter[] out = new RowFilter[terms.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = compile(terms.get(i));
    }
    return out;
  }

  // ------------------------------------------------------------------ comparisons

  private RowFilter comparison(Comparison c) {
    FieldPath path = resolver.resolve(c.path());
    if (!path.filterable()) {
      throw q.error(
          "INVALID_FIELD",
          c.path().offset(),
          "field '" + path.name() + "' can not be filtered in query call");
    }
    Domain domain = domain(path.type());
    checkOperator(c, path, domain);
    if (c.operator() == Operator.IN || c.operator() == Operator.NOT_IN) {
      RowFilter in = in(c, path, domain);
      return c.operator() == Operator.IN ? in : row -> !in.test(row);
    }
    return single(c.operator(), c.values().get(0), path, domain, c);
  }

  private void checkOperator(Comparison c, FieldPath path, Domain domain) {
    Operator op = c.operator();
    boolean ordering =
        op == Operator.LT || op == Operator.LE || op == Operator.GT || op == Operator.GE;
    if (op == Operator.LIKE && domain != Domain.TEXT || ordering && domain == Domain.BOOLEAN) {
      String type = domain == Domain.ID ? "id" : path.type().apiName();
      throw q.error(
          "INVALID_QUERY_FILTER_OPERATOR",
          c.op().offset(),
          "invalid operator on " + type + " field");
    }
  }

  private RowFilter single(Operator op, Token v, FieldPath path, Domain domain, Comparison c) {
    if (isNull(v)) {
      return nullComparison(op, path, domain);
    }
    return switch (domain) {
      case DATE, DATETIME -> rangeFilter(op, range(v, path, domain), longReader(path, domain));
      case ID -> idFilter(op, id(v, path), path);
      case TEXT ->
          op == Operator.LIKE
              ? like(likePattern(v, path), path)
              : textFilter(op, text(v, path), path);
      case BOOLEAN -> {
        Boolean b = bool(v, path);
        yield op == Operator.EQ
            ? row -> b.equals(path.value(row))
            : row -> !b.equals(path.value(row));
      }
      case NUMBER -> numberFilter(op, number(v, path), path);
    };
  }

  private RowFilter nullComparison(Operator op, FieldPath path, Domain domain) {
    if (domain == Domain.DATE || domain == Domain.DATETIME) {
      LongReader r = longReader(path, domain);
      return switch (op) {
        case EQ, LIKE -> row -> r.read(row) == NULL_LONG;
        case NE -> row -> r.read(row) != NULL_LONG;
        default -> row -> false;
      };
    }
    if (domain == Domain.ID && path.isOwn() && path.field().name().equals(SObjectSchema.ID)) {
      return op == Operator.NE ? RowFilter.ALL : row -> false; // an Id is never null
    }
    return switch (op) {
      case EQ, LIKE -> row -> path.value(row) == null;
      case NE -> row -> path.value(row) != null;
      default -> row -> false;
    };
  }

  private RowFilter in(Comparison c, FieldPath path, Domain domain) {
    boolean matchNull = false;
    List<Token> values = new ArrayList<>();
    for (Token v : c.values()) {
      if (isNull(v)) {
        matchNull = true;
      } else {
        values.add(v);
      }
    }
    boolean withNull = matchNull;
    switch (domain) {
      case TEXT -> {
        Set<String> set = new HashSet<>();
        for (Token v : values) {
          set.add(text(v, path).toLowerCase(Locale.ROOT));
        }
        return row -> {
          Object x = path.value(row);
          return x == null ? withNull : set.contains(((String) x).toLowerCase(Locale.ROOT));
        };
      }
      case ID -> {
        if (isOwnId(path)) {
          BitSet rows = new BitSet();
          for (Token v : values) {
            int r = ownRow(id(v, path));
            if (r >= 0) {
              rows.set(r);
            }
          }
          return rows::get;
        }
        Set<String> set = new HashSet<>();
        for (Token v : values) {
          String id = id(v, path);
          if (id != null) {
            set.add(id);
          }
        }
        return row -> {
          Object x = path.value(row);
          return x == null ? withNull : set.contains(x);
        };
      }
      default -> {
        RowFilter[] parts = new RowFilter[values.size() + (withNull ? 1 : 0)];
        for (int i = 0; i < values.size(); i++) {
          parts[i] = single(Operator.EQ, values.get(i), path, domain, c);
        }
        if (withNull) {
          parts[parts.length - 1] = nullComparison(Operator.EQ, path, domain);
        }
        return row -> {
          for (RowFilter f : parts) {
            if (f.test(row)) {
              return true;
            }
          }
          return false;
        };
      }
    }
  }

  // ------------------------------------------------------------------ by domain

  private static RowFilter rangeFilter(Operator op, Range r, LongReader reader) {
    long lo = r.lo();
    long hi = r.hi();
    return switch (op) {
      case EQ ->
          row -> {
            long v = reader.read(row);
            return v != NULL_LONG && v >= lo && v < hi;
          };
      case NE ->
          row -> {
            long v = reader.read(row);
            return v == NULL_LONG || v < lo || v >= hi;
          };
      case LT ->
          row -> {
            long v = reader.read(row);
            return v != NULL_LONG && v < lo;
          };
      case LE ->
          row -> {
            long v = reader.read(row);
            return v != NULL_LONG && v < hi;
          };
      case GT -> row -> reader.read(row) >= hi; // NULL_LONG is never >= anything real
      case GE -> row -> reader.read(row) >= lo;
      default -> throw new IllegalStateException(op.name());
    };
  }

  private RowFilter idFilter(Operator op, String id, FieldPath path) {
    if (id == null) {
      return nullComparison(op, path, Domain.ID);
    }
    if (isOwnId(path)) {
      // Compare Ids without building them: Ids of one table differ only in the sequence.
      int prefixOrder = Integer.signum(idPrefix.compareTo(id.substring(0, 6)));
      long seq = SalesforceId.sequence(id);
      return compareFilter(op, row -> prefixOrder != 0 ? prefixOrder : Long.compare(row + 1L, seq));
    }
    return compareFilter(
        op,
        row -> {
          Object v = path.value(row);
          return v == null ? Integer.MIN_VALUE : ((String) v).compareTo(id);
        });
  }

  private static RowFilter textFilter(Operator op, String s, FieldPath path) {
    if (op == Operator.EQ) {
      return row -> s.equalsIgnoreCase((String) path.value(row));
    }
    if (op == Operator.NE) {
      return row -> !s.equalsIgnoreCase((String) path.value(row));
    }
    return compareFilter(
        op,
        row -> {
          Object v = path.value(row);
          return v == null
              ? Integer.MIN_VALUE
              : String.CASE_INSENSITIVE_ORDER.compare((String) v, s);
        });
  }

  private static RowFilter numberFilter(Operator op, double d, FieldPath path) {
    return compareFilter(
        op,
        row -> {
          Object v = path.value(row);
          return v == null ? Integer.MIN_VALUE : Double.compare(((Number) v).doubleValue(), d);
        });
  }

  /** How a row compares with the literal; {@link Integer#MIN_VALUE} when the field is null. */
  @FunctionalInterface
  private interface RowComparison {
    int compare(int row);
  }

  private static RowFilter compareFilter(Operator op, RowComparison cmp) {
    return switch (op) {
      case EQ -> row -> cmp.compare(row) == 0;
      case NE -> row -> cmp.compare(row) != 0;
      case LT ->
          row -> {
            int c = cmp.compare(row);
            return c != Integer.MIN_VALUE && c < 0;
          };
      case LE ->
          row -> {
            int c = cmp.compare(row);
            return c != Integer.MIN_VALUE && c <= 0;
          };
      case GT -> row -> cmp.compare(row) > 0;
      case GE -> row -> cmp.compare(row) >= 0;
      default -> throw new IllegalStateException(op.name());
    };
  }

  /** SOQL LIKE: case-insensitive, {@code %} any run, {@code _} one character, {@code \} escapes. */
  private static RowFilter like(String pattern, FieldPath path) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        literal.append(pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    Pattern p =
        Pattern.compile(
            regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    return row -> {
      Object v = path.value(row);
      return v != null && p.matcher((String) v).matches();
    };
  }

  // ------------------------------------------------------------------ readers

  private LongReader longReader(FieldPath path, Domain domain) {
    if (path.isOwn()) {
      String name = path.field().name();
      if (name.equals(SObjectSchema.SYSTEM_MODSTAMP)
          || name.equals(SObjectSchema.LAST_MODIFIED_DATE)) {
        return table::systemModstamp;
      }
      if (name.equals(SObjectSchema.CREATED_DATE)) {
        return table::createdDate;
      }
    }
    if (domain == Domain.DATE) {
      return row -> {
        Object v = path.value(row);
        return v == null ? NULL_LONG : ((LocalDate) v).toEpochDay();
      };
    }
    return row -> {
      Object v = path.value(row);
      return v == null ? NULL_LONG : ((Instant) v).toEpochMilli();
    };
  }

  private static boolean isOwnId(FieldPath path) {
    return path.isOwn() && path.field().name().equals(SObjectSchema.ID);
  }

  /** The row of an Id of the queried table, or -1. */
  private int ownRow(String id) {
    return id == null ? -1 : table.rowOf(id);
  }

  // ------------------------------------------------------------------ literals

  private static Domain domain(FieldType t) {
    return switch (t) {
      case ID, REFERENCE -> Domain.ID;
      case BOOLEAN -> Domain.BOOLEAN;
      case INT, DOUBLE, CURRENCY, PERCENT -> Domain.NUMBER;
      case DATE -> Domain.DATE;
      case DATETIME -> Domain.DATETIME;
      default -> Domain.TEXT;
    };
  }

  private static boolean isNull(Token v) {
    return v.is(Kind.IDENT) && v.is("NULL");
  }

  private String text(Token v, FieldPath path) {
    if (!v.is(Kind.STRING)) {
      throw wrongType(v, path, "string", true);
    }
    return Lexer.unescape(q, v, false);
  }

  /** A LIKE pattern: escaped wildcards keep their backslash so they match themselves. */
  private String likePattern(Token v, FieldPath path) {
    text(v, path); // type check
    return Lexer.unescape(q, v, true);
  }

  /** A normalised 18-character Id, or null for the empty string (which SOQL treats as null). */
  private String id(Token v, FieldPath path) {
    if (!v.is(Kind.STRING)) {
      throw wrongType(v, path, "id", true);
    }
    String raw = Lexer.unescape(q, v, false);
    if (raw.isEmpty()) {
      return null;
    }
    String id = SalesforceId.normalize(raw);
    if (id == null) {
      throw q.error("INVALID_QUERY_FILTER_OPERATOR", v.offset(), "invalid ID field: " + raw);
    }
    return id;
  }

  private Boolean bool(Token v, FieldPath path) {
    if (v.is("TRUE")) {
      return Boolean.TRUE;
    }
    if (v.is("FALSE")) {
      return Boolean.FALSE;
    }
    throw wrongType(v, path, "boolean", false);
  }

  private double number(Token v, FieldPath path) {
    if (!v.is(Kind.NUMBER)) {
      throw wrongType(v, path, path.type() == FieldType.INT ? "integer" : "double", false);
    }
    return Double.parseDouble(v.text());
  }

  private Range range(Token v, FieldPath path, Domain domain) {
    if (v.is(Kind.IDENT)) {
      DateLiteral d = dateLiteral(v);
      if (d != null) {
        long lo = d.start().toEpochDay();
        long hi = d.end().toEpochDay();
        return domain == Domain.DATE
            ? new Range(lo, hi)
            : new Range(lo * MILLIS_PER_DAY, hi * MILLIS_PER_DAY);
      }
    }
    try {
      if (domain == Domain.DATE && v.is(Kind.DATE)) {
        long day = LocalDate.parse(v.text()).toEpochDay();
        return new Range(day, day + 1);
      }
      if (domain == Domain.DATETIME && v.is(Kind.DATETIME)) {
        long millis = FieldValues.parseDateTime(v.text()).toEpochMilli();
        return new Range(millis, millis + 1);
      }
    } catch (DateTimeParseException e) {
      throw q.error("MALFORMED_QUERY", v.offset(), "invalid date: " + v.text());
    }
    throw wrongType(v, path, domain == Domain.DATE ? "date" : "dateTime", false);
  }

  private DateLiteral dateLiteral(Token v) {
    try {
      return DateLiteral.of(v.text(), today);
    } catch (DateTimeException | ArithmeticException e) {
      throw q.error("MALFORMED_QUERY", v.offset(), "date literal out of range: " + v.text());
    }
  }

  private SoqlException wrongType(Token v, FieldPath path, String type, boolean quoted) {
    if (v.is(Kind.IDENT) && !v.is("TRUE") && !v.is("FALSE") && dateLiteral(v) == null) {
      // Not a literal of any type: Salesforce's parser stops at the word.
      return q.error("MALFORMED_QUERY", v.offset(), "unexpected token: '" + v.text() + "'");
    }
    return q.error(
        "INVALID_FIELD",
        v.offset(),
        "value of filter criterion for field '"
            + path.name()
            + "' must be of type "
            + type
            + " and should "
            + (quoted ? "" : "not ")
            + "be enclosed in quotes");
  }

  // ------------------------------------------------------------------ narrowing

  /**
   * The rows of the queried table a WHERE clause can match at all, judged from its conditions on
   * the table's own Id that must hold (top-level AND terms): a range {@code [from, to)} of rows, so
   * that e.g. {@code Id > '...'} paging does not scan the rows before the cursor. The full filter
   * still runs on every candidate.
   */
  int[] idBounds(Condition c, int size) {
    int[] bounds = {0, size};
    List<Condition> terms = c instanceof And and ? and.terms() : c == null ? List.of() : List.of(c);
    for (Condition t : terms) {
      if (!(t instanceof Comparison cmp)) {
        continue;
      }
      FieldPath path;
      try {
        path = resolver.resolve(cmp.path());
      } catch (SoqlException e) {
        continue; // compile() reports it
      }
      if (!isOwnId(path) || cmp.values().size() != 1 && cmp.operator() != Operator.IN) {
        continue;
      }
      if (cmp.operator() == Operator.IN) {
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (Token v : cmp.values()) {
          int r = v.is(Kind.STRING) ? rowOfLiteral(v) : -1;
          if (r == -2) {
            lo = 0;
            hi = size - 1;
            break;
          }
          if (r >= 0) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
          }
        }
        narrow(bounds, hi < 0 ? 0 : lo, hi + 1);
        continue;
      }
      Token v = cmp.values().get(0);
      if (!v.is(Kind.STRING)) {
        continue;
      }
      String id = SalesforceId.normalize(Lexer.unescape(q, v, false));
      if (id == null || !id.startsWith(idPrefix)) {
        continue;
      }
      long seq = SalesforceId.sequence(id); // row seq-1
      long row = seq - 1;
      switch (cmp.operator()) {
        case EQ -> narrow(bounds, row, row + 1);
        case GT -> narrow(bounds, row + 1, size);
        case GE -> narrow(bounds, row, size);
        case LT -> narrow(bounds, 0, row);
        case LE -> narrow(bounds, 0, row + 1);
        default -> {}
      }
    }
    return bounds;
  }

  /** The row of an Id literal of this table, -1 when it names no row here, -2 when unknown. */
  private int rowOfLiteral(Token v) {
    String id = SalesforceId.normalize(Lexer.unescape(q, v, false));
    if (id == null) {
      return -2; // compile() reports it
    }
    return table.rowOf(id);
  }

  private static void narrow(int[] bounds, long from, long to) {
    bounds[0] = (int) Math.max(bounds[0], Math.max(0, Math.min(from, Integer.MAX_VALUE)));
    bounds[1] = (int) Math.min(bounds[1], Math.max(0, Math.min(to, Integer.MAX_VALUE)));
    if (bounds[1] < bounds[0]) {
      bounds[1] = bounds[0];
    }
  }
}
