package io.orgvault.simulator.bulk;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses uploaded job data: RFC 4180 CSV with the job's column delimiter, where the job's line
 * ending is the only accepted record separator (Salesforce fails a job whose data uses another).
 * Line breaks inside quoted fields are kept as they are.
 */
final class CsvReader {
  private final char delimiter;
  private final LineEnding lineEnding;

  CsvReader(ColumnDelimiter delimiter, LineEnding lineEnding) {
    this.delimiter = delimiter.character();
    this.lineEnding = lineEnding;
  }

  /** A CSV document that cannot be read: the job fails with this message. */
  static final class CsvFormatException extends Exception {
    CsvFormatException(String message) {
      super(message, null, false, false);
    }
  }

  /** All records, the header first; a final line break and a byte-order mark are ignored. */
  List<String[]> parse(String text) throws CsvFormatException {
    List<String[]> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int n = text.length();
    int i = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
    boolean quoted = false;
    boolean afterQuote = false;
    boolean fieldStarted = false;
    while (i < n) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          afterQuote = true;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        afterQuote = false;
        fieldStarted = true;
        i++;
      } else if (c == '\r' || c == '\n') {
        int end = recordEnd(text, i, rows.size() + 1);
        fields.add(field.toString());
        field.setLength(0);
        rows.add(fields.toArray(String[]::new));
        fields.clear();
        afterQuote = false;
        fieldStarted = false;
        i = end;
      } else if (afterQuote) {
        throw new CsvFormatException(
            "ClientInputError : Invalid CSV: unexpected character after a closing quote in row "
                + (rows.size() + 1));
      } else if (c == '"') {
        if (field.length() > 0) {
          throw new CsvFormatException(
              "ClientInputError : Invalid CSV: a quote inside an unquoted field in row "
                  + (rows.size() + 1));
        }
        quoted = true;
        fieldStarted = true;
        i++;
      } else {
        field.append(c);
        fieldStarted = true;
        i++;
      }
    }
    if (quoted) {
      throw new CsvFormatException(
          "ClientInputError : Invalid CSV: unterminated quoted field in row " + (rows.size() + 1));
    }
    if (fieldStarted || field.length() > 0 || afterQuote) {
      fields.add(field.toString());
      rows.add(fields.toArray(String[]::new));
    }
    return rows;
  }

  /** Checks the record separator at {@code i} and returns the index after it. */
  private int recordEnd(String text, int i, int row) throws CsvFormatException {
    boolean crlf = text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
    boolean ok = lineEnding == LineEnding.CRLF ? crlf : text.charAt(i) == '\n';
    if (!ok) {
      throw new CsvFormatException(
          "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is "
              + lineEnding.name());
    }
    return i + (crlf ? 2 : 1);
  }
}
