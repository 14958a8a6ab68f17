package io.orgvault.simulator.soql;

/**
 * The text of a query, for errors that point into it the way Salesforce does: the offending line, a
 * caret under the position, {@code ERROR at Row:r:Column:c} and the message.
 */
final class QueryText {
  /** Lines longer than this are shown as a window around the error, as Salesforce does. */
  private static final int MAX_SHOWN = 100;

  private final String text;

  QueryText(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  int length() {
    return text.length();
  }

  /** Salesforce's {@code line r:c} prefix of lexical errors (1-based). */
  String lineColumn(int offset) {
    int pos = Math.max(0, Math.min(offset, text.length()));
    int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    int row = 1;
    for (int i = 0; i < lineStart; i++) {
      if (text.charAt(i) == '\n') {
        row++;
      }
    }
    return "line " + row + ":" + (pos - lineStart + 1);
  }

  SoqlException error(String code, int offset, String message) {
    int pos = Math.max(0, Math.min(offset, text.length()));
    int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    int lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    int row = 1;
    for (int i = 0; i < lineStart; i++) {
      if (text.charAt(i) == '\n') {
        row++;
      }
    }
    int column = pos - lineStart + 1;
    int shownStart = lineStart;
    if (lineEnd - lineStart > MAX_SHOWN && pos - lineStart > MAX_SHOWN / 2) {
      // Start the window at a word boundary some way before the error.
      int from = pos - MAX_SHOWN / 2;
      int space = text.indexOf(' ', from);
      shownStart = space >= 0 && space < pos ? space + 1 : from;
    }
    String line = text.substring(shownStart, lineEnd).replace('\r', ' ');
    String caret = " ".repeat(pos - shownStart) + "^";
    return new SoqlException(
        code,
        "\n"
            + line
            + "\n"
            + caret
            + "\nERROR at Row:"
            + row
            + ":Column:"
            + column
            + "\n"
            + message);
  }
}
