package io.orgvault.simulator.soql;

import java.util.List;

/** A parsed query, before its names are resolved against the org's schema. */
record SoqlQuery(
    List<SelectItem> select,
    Token object,
    String alias,
    Condition where,
    List<OrderItem> orderBy,
    Integer limit,
    Integer offset) {

  /** One item of the SELECT list. */
  sealed interface SelectItem {}

  /** A field, possibly through parent relationships: {@code Account.Owner.Username}. */
  record FieldItem(Path path) implements SelectItem {}

  /** {@code COUNT()}. */
  record CountItem(Token token) implements SelectItem {}

  /** {@code FIELDS(ALL|STANDARD|CUSTOM)}. */
  record FieldsItem(Token token, String kind) implements SelectItem {}

  /** A dotted name as written, with where each segment starts. */
  record Path(List<Token> segments) {
    int offset() {
      return segments.get(0).offset();
    }

    String written() {
      StringBuilder sb = new StringBuilder();
      for (Token t : segments) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(t.text());
      }
      return sb.toString();
    }
  }

  /** A WHERE condition. */
  sealed interface Condition {}

  record And(List<Condition> terms) implements Condition {}

  record Or(List<Condition> terms) implements Condition {}

  record Not(Condition term) implements Condition {}

  /**
   * {@code path op value}; for IN and NOT IN, {@code values} holds the list, otherwise one value.
   */
  record Comparison(Path path, Token op, Operator operator, List<Token> values)
      implements Condition {}

  enum Operator {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    LIKE,
    IN,
    NOT_IN
  }

  /** One ORDER BY item. */
  record OrderItem(Path path, boolean descending, boolean nullsFirst) {}
}
