package io.orgvault.simulator.soql;

import java.util.Locale;

/**
 * One lexical token of a query.
 *
 * @param text the token as written; for a string literal, its content between the quotes with
 *     escapes still in place
 * @param offset where the token starts in the query (0-based)
 */
record Token(Kind kind, String text, int offset) {
  enum Kind {
    IDENT,
    STRING,
    NUMBER,
    DATE,
    DATETIME,
    SYMBOL,
    /** Text the lexer could not read; {@code text} is the message, reported when parsed. */
    ERROR,
    EOF
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** Whether this is the keyword (an identifier, compared case-insensitively) or the symbol. */
  boolean is(String s) {
    return (kind == Kind.IDENT || kind == Kind.SYMBOL) && text.equalsIgnoreCase(s);
  }

  String upper() {
    return text.toUpperCase(Locale.ROOT);
  }

  /** How Salesforce names the token in "unexpected token" messages. */
  String display() {
    return switch (kind) {
      case EOF -> "<EOF>";
      default -> text;
    };
  }
}
