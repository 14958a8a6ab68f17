package io.orgvault.engine.store;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteWriter} wrote, checking every bound: a malformed input raises {@link
 * Malformed} (translated by callers into {@link StoreCorruptedException} with file and block).
 */
final class ByteReader {
  /** Thrown on any malformed input; carries the position where decoding failed. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] buf;
  private int pos;
  private final int end;

  ByteReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  ByteReader(byte[] buf, int off, int len) {
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
  }

  int position() {
    return pos;
  }

  void skip(int n) throws Malformed {
    need(n);
    pos += n;
  }

  /** Moves back to a position previously returned by {@link #position()}. */
  void reset(int position) {
    pos = position;
  }

  boolean atEnd() {
    return pos == end;
  }

  int remaining() {
    return end - pos;
  }

  private void need(int n) throws Malformed {
    if (n < 0 || end - pos < n) {
      throw new Malformed("needs " + n + " bytes at position " + pos + ", has " + (end - pos));
    }
  }

  int u8() throws Malformed {
    need(1);
    return buf[pos++] & 0xFF;
  }

  int u16() throws Malformed {
    need(2);
    int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  long u32() throws Malformed {
    need(4);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  long i64() throws Malformed {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  long varint() throws Malformed {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = u8();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new Malformed("varint longer than 10 bytes at position " + pos);
  }

  /** A varint that must fit a non-negative int no larger than {@code max}. */
  int count(int max) throws Malformed {
    long v = varint();
    if (v < 0 || v > max) {
      throw new Malformed("count " + v + " out of range 0.." + max + " at position " + pos);
    }
    return (int) v;
  }

  long zigzag() throws Malformed {
    long v = varint();
    return (v >>> 1) ^ -(v & 1);
  }

  byte[] bytes(int n) throws Malformed {
    need(n);
    byte[] b = new byte[n];
    System.arraycopy(buf, pos, b, 0, n);
    pos += n;
    return b;
  }

  byte[] lengthPrefixed() throws Malformed {
    return bytes(count(remaining()));
  }

  /** UTF-8 text; only ever applied to authenticated bytes, which this code itself wrote. */
  String string() throws Malformed {
    int n = count(remaining());
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  String ascii(int n) throws Malformed {
    need(n);
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) (buf[pos + i] & 0xFF);
    }
    pos += n;
    return new String(c);
  }
}
