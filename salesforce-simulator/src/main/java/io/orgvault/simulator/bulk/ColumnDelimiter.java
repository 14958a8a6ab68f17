package io.orgvault.simulator.bulk;

/** The {@code columnDelimiter} values a Bulk API 2.0 job accepts. */
enum ColumnDelimiter {
  BACKQUOTE('`'),
  CARET('^'),
  COMMA(','),
  PIPE('|'),
  SEMICOLON(';'),
  TAB('\t');

  private final char character;

  ColumnDelimiter(char character) {
    this.character = character;
  }

  char character() {
    return character;
  }
}
