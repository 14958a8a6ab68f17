package io.orgvault.engine.salesforce;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming reader of Bulk API CSV (RFC 4180: fields separated by a delimiter, optionally quoted
 * with {@code "}, quotes doubled inside quotes, records ended by LF or CRLF). It differs from a
 * general CSV parser in one way the client depends on: a record counts only when its line ending
 * arrived. A body cut off part-way through a record is a {@link TruncatedException}, never a short
 * record with a plausible last value.
 *
 * <p>A field is null when empty and unquoted, {@code ""} when quoted and empty.
 */
final class CsvRecordReader implements Closeable {
  /** The input ended inside a record. */
  static final class TruncatedException extends IOException {
    TruncatedException(String message) {
      super(message);
    }
  }

  /** A field longer than the limit. */
  static final class FieldTooLongException extends IOException {
    FieldTooLongException(String message) {
      super(message);
    }
  }

  private static final int BUFFER = 64 * 1024;

  /** The least room a record's list starts with (the JDK's default list capacity). */
  private static final int MIN_RECORD_CAPACITY = 10;

  private final Reader in;
  private final char delimiter;
  private final int maxFieldChars;
  private final char[] buf = new char[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private final StringBuilder field = new StringBuilder();
  private int lastWidth;

  CsvRecordReader(Reader in, char delimiter, int maxFieldChars) {
    this.in = in;
    this.delimiter = delimiter;
    this.maxFieldChars = maxFieldChars;
  }

  /** The next record, or null at the end of the input (which must fall between records). */
  List<String> next() throws IOException {
    int c = read();
    if (c < 0) {
      return null;
    }
    // Sized like the previous record: growing a list field by field was a measurable cost per row.
    List<String> record = new ArrayList<>(Math.max(MIN_RECORD_CAPACITY, lastWidth));
    while (true) {
      // c is the first character of a field (or the end of the record for an empty last field).
      String value;
      if (c == '"') {
        field.setLength(0);
        while (true) {
          c = read();
          if (c < 0) {
            throw new TruncatedException("the input ended inside a quoted field");
          }
          if (c == '"') {
            c = read();
            if (c != '"') {
              break; // closing quote; c is what follows it
            }
          }
          append((char) c);
        }
        value = field.toString();
        if (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
          throw new IOException("a quoted field is followed by '" + (char) c + "'");
        }
      } else {
        field.setLength(0);
        while (c >= 0 && c != delimiter && c != '\n' && c != '\r') {
          if (c == '"') {
            throw new IOException("a quote inside an unquoted field");
          }
          append((char) c);
          c = read();
        }
        value = field.length() == 0 ? null : field.toString();
      }
      record.add(value);
      if (c == delimiter) {
        c = read();
        if (c < 0) {
          throw new TruncatedException("the input ended after a delimiter");
        }
        continue;
      }
      if (c == '\r') {
        c = read();
        if (c != '\n') {
          throw c < 0
              ? new TruncatedException("the input ended inside a line ending")
              : new IOException("a carriage return without a line feed");
        }
        lastWidth = record.size();
        return record;
      }
      if (c == '\n') {
        lastWidth = record.size();
        return record;
      }
      throw new TruncatedException("the input ended before the record's line ending");
    }
  }

  private void append(char c) throws IOException {
    if (field.length() >= maxFieldChars) {
      throw new FieldTooLongException("a field is longer than " + maxFieldChars + " characters");
    }
    field.append(c);
  }

  private int read() throws IOException {
    if (pos == limit) {
      if (eof) {
        return -1;
      }
      int n = in.read(buf, 0, buf.length);
      if (n <= 0) {
        if (n < 0) {
          eof = true;
          return -1;
        }
        return read();
      }
      pos = 0;
      limit = n;
    }
    return buf[pos++];
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
