package io.orgvault.simulator.bulk;

import io.orgvault.simulator.org.FieldValues;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes Bulk API CSV straight into an output stream through its own byte buffer: fields are
 * encoded to UTF-8 as they are written, with no intermediate strings, so a results page of any size
 * streams in constant memory. Quoted fields double their quotes (RFC 4180); a null value is an
 * empty, unquoted field.
 */
final class CsvWriter {
  private static final int BUFFER = 64 * 1024;
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private final OutputStream out;
  private final byte delimiter;
  private final byte[] lineEnding;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private boolean rowStarted;

  CsvWriter(OutputStream out, ColumnDelimiter delimiter, LineEnding lineEnding) {
    this.out = out;
    this.delimiter = (byte) delimiter.character();
    this.lineEnding = lineEnding.text().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Writes a field quoted; null writes an empty field. */
  void quoted(String s) throws IOException {
    separate();
    if (s != null) {
      put('"');
      text(s);
      put('"');
    }
  }

  /** Writes a field quoted only when it holds a delimiter, quote or line break (as uploaded). */
  void plain(String s) throws IOException {
    separate();
    if (s == null || s.isEmpty()) {
      return;
    }
    if (needsQuotes(s)) {
      put('"');
      text(s);
      put('"');
    } else {
      text(s);
    }
  }

  /** Writes a canonical field value (see {@link FieldValues}) in its Bulk CSV form, quoted. */
  void value(Object v) throws IOException {
    separate();
    if (v == null) {
      return;
    }
    put('"');
    if (v instanceof String s) {
      text(s);
    } else if (v instanceof Instant i) {
      dateTime(i.toEpochMilli());
    } else if (v instanceof Boolean b) {
      bytes(b ? TRUE : FALSE);
    } else if (v instanceof Integer n) {
      ascii(Integer.toString(n));
    } else if (v instanceof LocalDate d) {
      date(d);
    } else {
      text(FieldValues.toText(v));
    }
    put('"');
  }

  void endRow() throws IOException {
    bytes(lineEnding);
    rowStarted = false;
  }

  void flush() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
    out.flush();
  }

  private boolean needsQuotes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\n' || c == '\r' || c == delimiter) {
        return true;
      }
    }
    return false;
  }

  private void separate() throws IOException {
    if (rowStarted) {
      put(delimiter);
    }
    rowStarted = true;
  }

  /** UTF-8 encodes text into the buffer, doubling quotes. */
  private void text(String s) throws IOException {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (pos >= buf.length - 1) {
          drain();
        }
        buf[pos++] = (byte) c;
        if (c == '"') {
          buf[pos++] = '"';
        }
      } else if (c < 0x800) {
        if (pos >= buf.length - 2) {
          drain();
        }
        buf[pos++] = (byte) (0xC0 | c >> 6);
        buf[pos++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        if (pos >= buf.length - 4) {
          drain();
        }
        buf[pos++] = (byte) (0xF0 | cp >> 18);
        buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
        buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
        buf[pos++] = (byte) (0x80 | cp & 0x3F);
      } else {
        char e = Character.isSurrogate(c) ? '?' : c;
        if (pos >= buf.length - 3) {
          drain();
        }
        buf[pos++] = (byte) (0xE0 | e >> 12);
        buf[pos++] = (byte) (0x80 | e >> 6 & 0x3F);
        buf[pos++] = (byte) (0x80 | e & 0x3F);
      }
    }
  }

  /** {@code 2024-01-31T12:34:56.000Z} without a formatter. */
  private void dateTime(long epochMilli) throws IOException {
    long days = Math.floorDiv(epochMilli, 86_400_000L);
    int millisOfDay = (int) Math.floorMod(epochMilli, 86_400_000L);
    date(LocalDate.ofEpochDay(days));
    if (pos >= buf.length - 13) {
      drain();
    }
    int secondsOfDay = millisOfDay / 1000;
    buf[pos++] = 'T';
    two(secondsOfDay / 3600);
    buf[pos++] = ':';
    two(secondsOfDay / 60 % 60);
    buf[pos++] = ':';
    two(secondsOfDay % 60);
    buf[pos++] = '.';
    int ms = millisOfDay % 1000;
    buf[pos++] = (byte) ('0' + ms / 100);
    buf[pos++] = (byte) ('0' + ms / 10 % 10);
    buf[pos++] = (byte) ('0' + ms % 10);
    buf[pos++] = 'Z';
  }

  private void date(LocalDate d) throws IOException {
    int y = d.getYear();
    if (y < 0 || y > 9999) {
      ascii(d.toString());
      return;
    }
    if (pos >= buf.length - 10) {
      drain();
    }
    buf[pos++] = (byte) ('0' + y / 1000);
    buf[pos++] = (byte) ('0' + y / 100 % 10);
    two(y % 100);
    buf[pos++] = '-';
    two(d.getMonthValue());
    buf[pos++] = '-';
    two(d.getDayOfMonth());
  }

  private void two(int v) {
    buf[pos++] = (byte) ('0' + v / 10);
    buf[pos++] = (byte) ('0' + v % 10);
  }

  private void ascii(String s) throws IOException {
    if (pos >= buf.length - s.length()) {
      drain();
    }
    if (s.length() > buf.length) {
      text(s);
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
  }

  private void bytes(byte[] b) throws IOException {
    if (pos >= buf.length - b.length) {
      drain();
    }
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  private void put(int b) throws IOException {
    if (pos >= buf.length) {
      drain();
    }
    buf[pos++] = (byte) b;
  }

  private void drain() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }
}
