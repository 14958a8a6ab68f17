package io.orgvault.simulator.soql;

import io.orgvault.simulator.soql.SoqlQuery.And;
import io.orgvault.simulator.soql.SoqlQuery.Comparison;
import io.orgvault.simulator.soql.SoqlQuery.Condition;
import io.orgvault.simulator.soql.SoqlQuery.CountItem;
import io.orgvault.simulator.soql.SoqlQuery.FieldItem;
import io.orgvault.simulator.soql.SoqlQuery.FieldsItem;
import io.orgvault.simulator.soql.SoqlQuery.Not;
import io.orgvault.simulator.soql.SoqlQuery.Operator;
import io.orgvault.simulator.soql.SoqlQuery.Or;
import io.orgvault.simulator.soql.SoqlQuery.OrderItem;
import io.orgvault.simulator.soql.SoqlQuery.Path;
import io.orgvault.simulator.soql.SoqlQuery.SelectItem;
import io.orgvault.simulator.soql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the SOQL subset the simulator runs:
 *
 * <pre>
 * SELECT item, ... FROM object [alias] [WHERE condition] [ORDER BY path [ASC|DESC]
 *   [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]
 * </pre>
 *
 * As in Salesforce, AND and OR cannot be mixed without parentheses.
 */
final class Parser {
  /** Words that end a field list or a condition, so they cannot be field names there. */
  private static final Set<String> RESERVED =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "IN",
          "LIKE",
          "ORDER",
          "BY",
          "LIMIT",
          "OFFSET",
          "NULL",
          "TRUE",
          "FALSE",
          "GROUP",
          "HAVING",
          "WITH",
          "FOR",
          "USING",
          "INCLUDES",
          "EXCLUDES",
          "ASC",
          "DESC",
          "NULLS",
          "TYPEOF",
          "UPDATE",
          "ROLLUP",
          "CUBE");

  /** Clauses that may follow FROM; any other word there is an alias. */
  private static final Set<String> AFTER_FROM =
      Set.of("WHERE", "ORDER", "LIMIT", "OFFSET", "GROUP", "HAVING", "WITH", "FOR", "USING");

  private final QueryText q;
  private final List<Token> tokens;
  private int pos;

  private Parser(QueryText q) {
    this.q = q;
    this.tokens = Lexer.tokens(q);
  }

  static SoqlQuery parse(QueryText q) {
    return new Parser(q).query();
  }

  private SoqlQuery query() {
    expect("SELECT");
    List<SelectItem> select = new ArrayList<>();
    do {
      select.add(selectItem());
    } while (accept(","));
    expect("FROM");
    Token object = peek();
    if (!object.is(Kind.IDENT) || isReserved(object)) {
      throw unexpected(object);
    }
    pos++;
    String alias = null;
    if (peek().is(Kind.IDENT) && !AFTER_FROM.contains(peek().upper())) {
      alias = next().text();
    }
    Condition where = null;
    if (accept("WHERE")) {
      where = condition();
    }
    List<OrderItem> orderBy = new ArrayList<>();
    if (accept("ORDER")) {
      expect("BY");
      do {
        orderBy.add(orderItem());
      } while (accept(","));
    }
    Integer limit = null;
    if (accept("LIMIT")) {
      limit = count();
    }
    Integer offset = null;
    if (accept("OFFSET")) {
      offset = count();
    }
    if (!peek().is(Kind.EOF)) {
      throw unexpected(peek());
    }
    return new SoqlQuery(select, object, alias, where, orderBy, limit, offset);
  }

  private SelectItem selectItem() {
    Token t = peek();
    if (t.is("COUNT") && peek(1).is("(")) {
      pos += 2;
      if (!peek().is(")")) {
        throw q.error(
            "MALFORMED_QUERY",
            peek().offset(),
            "Aggregate functions such as COUNT(field) are not supported by this simulator");
      }
      pos++;
      return new CountItem(t);
    }
    if (t.is("FIELDS") && peek(1).is("(")) {
      pos += 2;
      Token kind = next();
      if (!(kind.is("ALL") || kind.is("STANDARD") || kind.is("CUSTOM"))) {
        throw unexpected(kind);
      }
      expect(")");
      return new FieldsItem(t, kind.upper());
    }
    if (t.is("(")) {
      throw q.error(
          "MALFORMED_QUERY",
          t.offset(),
          "Child relationship subqueries are not supported by this simulator");
    }
    return new FieldItem(path());
  }

  private Path path() {
    List<Token> segments = new ArrayList<>();
    do {
      Token t = peek();
      if (!t.is(Kind.IDENT) || (segments.isEmpty() && isReserved(t))) {
        throw unexpected(t);
      }
      segments.add(next());
    } while (accept("."));
    return new Path(segments);
  }

  private Condition condition() {
    List<Condition> terms = new ArrayList<>();
    terms.add(term());
    String joiner = null;
    while (peek().is("AND") || peek().is("OR")) {
      Token op = peek();
      if (joiner != null && !op.upper().equals(joiner)) {
        throw unexpected(op); // Salesforce requires parentheses to mix AND and OR
      }
      joiner = op.upper();
      pos++;
      terms.add(term());
    }
    if (joiner == null) {
      return terms.get(0);
    }
    return joiner.equals("AND") ? new And(terms) : new Or(terms);
  }

  private Condition term() {
    if (accept("NOT")) {
      return new Not(term());
    }
    if (accept("(")) {
      Condition c = condition();
      expect(")");
      return c;
    }
    Path path = path();
    Token op = next();
    Operator operator =
        switch (op.upper()) {
          case "=" -> Operator.EQ;
          case "!=", "<>" -> Operator.NE;
          case "<" -> Operator.LT;
          case "<=" -> Operator.LE;
          case ">" -> Operator.GT;
          case ">=" -> Operator.GE;
          case "LIKE" -> Operator.LIKE;
          case "IN" -> Operator.IN;
          case "NOT" -> {
            Token in = next();
            if (!in.is("IN")) {
              throw unexpected(in);
            }
            yield Operator.NOT_IN;
          }
          default -> throw unexpected(op);
        };
    List<Token> values = new ArrayList<>();
    if (operator == Operator.IN || operator == Operator.NOT_IN) {
      expect("(");
      if (peek().is("SELECT")) {
        throw q.error(
            "MALFORMED_QUERY",
            peek().offset(),
            "Semi-join subqueries are not supported by this simulator");
      }
      do {
        values.add(value());
      } while (accept(","));
      expect(")");
    } else {
      values.add(value());
    }
    return new Comparison(path, op, operator, values);
  }

  private Token value() {
    Token t = next();
    switch (t.kind()) {
      case STRING, NUMBER, DATE, DATETIME -> {
        return t;
      }
      case IDENT -> {
        if (peek().is(":")) {
          // LAST_N_DAYS:30 and the like: one literal
          pos++;
          Token n = next();
          if (!n.is(Kind.NUMBER)) {
            throw unexpected(n);
          }
          return new Token(Kind.IDENT, t.text() + ":" + n.text(), t.offset());
        }
        return t;
      }
      case SYMBOL -> {
        if (t.is(":")) {
          throw q.error("MALFORMED_QUERY", t.offset(), "Bind variables only allowed in Apex code");
        }
        throw unexpected(t);
      }
      default -> throw unexpected(t);
    }
  }

  private OrderItem orderItem() {
    Path path = path();
    boolean desc = false;
    if (accept("DESC")) {
      desc = true;
    } else {
      accept("ASC");
    }
    boolean nullsFirst = !desc;
    if (accept("NULLS")) {
      Token which = next();
      if (which.is("FIRST")) {
        nullsFirst = true;
      } else if (which.is("LAST")) {
        nullsFirst = false;
      } else {
        throw unexpected(which);
      }
    }
    return new OrderItem(path, desc, nullsFirst);
  }

  private int count() {
    Token t = next();
    if (!t.is(Kind.NUMBER) || !t.text().matches("\\d+")) {
      throw unexpected(t);
    }
    try {
      return Integer.parseInt(t.text());
    } catch (NumberFormatException e) {
      throw q.error("MALFORMED_QUERY", t.offset(), "numeric value out of range: " + t.text());
    }
  }

  private static boolean isReserved(Token t) {
    return t.is(Kind.IDENT) && RESERVED.contains(t.upper());
  }

  private Token peek() {
    return peek(0);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = peek();
    if (!t.is(Kind.EOF)) {
      pos++;
    }
    return t;
  }

  private boolean accept(String s) {
    if (peek().is(s)) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(String s) {
    Token t = peek();
    if (!t.is(s)) {
      throw unexpected(t);
    }
    pos++;
  }

  private SoqlException unexpected(Token t) {
    if (t.is(Kind.ERROR)) {
      return q.error("MALFORMED_QUERY", t.offset(), t.text());
    }
    return q.error("MALFORMED_QUERY", t.offset(), "unexpected token: '" + t.display() + "'");
  }
}
