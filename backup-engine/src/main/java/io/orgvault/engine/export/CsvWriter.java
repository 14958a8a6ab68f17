package io.orgvault.engine.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 (no byte-order mark), lines ended by CRLF. A value is quoted when it holds
 * a comma, a double quote, CR or LF, or starts or ends with a space; quotes inside are doubled.
 */
public final class CsvWriter implements AutoCloseable {
  private final Writer out;

  public CsvWriter(OutputStream out) {
    this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
  }

  public void row(List<String> values) {
    try {
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        write(values.get(i));
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String v) throws IOException {
    if (v == null || v.isEmpty()) {
      return;
    }
    boolean quote =
        v.charAt(0) == ' '
            || v.charAt(v.length() - 1) == ' '
            || v.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
    if (!quote) {
      out.write(v);
      return;
    }
    out.write('"');
    out.write(v.replace("\"", "\"\""));
    out.write('"');
  }

  /** Flushes what is buffered; the underlying stream stays open (a zip entry, a response). */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    flush();
  }
}
