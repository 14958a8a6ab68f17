package io.orgvault.audit.query;

import io.orgvault.audit.event.ChainedEvent;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes events one at a time in an export format; nothing is held beyond the current row. */
abstract class EventWriter {
  protected final Writer out;

  EventWriter(Writer out) {
    this.out = out;
  }

  static EventWriter of(ExportFormat f, Writer out) {
    return f == ExportFormat.CSV ? new Csv(out) : new JsonLines(out);
  }

  void begin() throws IOException {}

  abstract void write(ChainedEvent e) throws IOException;

  /** RFC 4180, CRLF line ends, a header line. */
  static final class Csv extends EventWriter {
    Csv(Writer out) {
      super(out);
    }

    @Override
    void begin() throws IOException {
      line(EventColumns.NAMES);
    }

    @Override
    void write(ChainedEvent e) throws IOException {
      line(EventColumns.values(e));
    }

    private void line(List<String> cells) throws IOException {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(cell(cells.get(i)));
      }
      out.write("\r\n");
    }

    /**
     * Quoted when needed. A value starting with = + - @ or a tab would run as a formula when the
     * file is opened in a spreadsheet; it gets a leading apostrophe (OWASP's CSV-injection advice).
     * Absent is an empty cell.
     */
    static String cell(String v) {
      if (v == null || v.isEmpty()) {
        return "";
      }
      char c = v.charAt(0);
      if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
        v = "'" + v;
      }
      if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
        return v;
      }
      return '"' + v.replace("\"", "\"\"") + '"';
    }
  }

  /** RFC 8259 strings, one object per line. */
  static final class JsonLines extends EventWriter {
    JsonLines(Writer out) {
      super(out);
    }

    @Override
    void write(ChainedEvent e) throws IOException {
      List<String> v = EventColumns.values(e);
      out.write('{');
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        string(EventColumns.NAMES.get(i));
        out.write(':');
        if (v.get(i) == null) {
          out.write("null");
        } else if (i == 1) {
          out.write(v.get(i));
        } else {
          string(v.get(i));
        }
      }
      out.write("}\n");
    }

    private void string(String s) throws IOException {
      out.write('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.write("\\\"");
          case '\\' -> out.write("\\\\");
          case '\n' -> out.write("\\n");
          case '\r' -> out.write("\\r");
          case '\t' -> out.write("\\t");
          default -> {
            // Other controls, and the line separators JavaScript reads as line ends.
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
              out.write(String.format("\\u%04x", (int) c));
            } else {
              out.write(c);
            }
          }
        }
      }
      out.write('"');
    }
  }
}
