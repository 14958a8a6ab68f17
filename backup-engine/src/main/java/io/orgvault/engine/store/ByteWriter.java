package io.orgvault.engine.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer with the store's primitive encodings (see the format doc). */
final class ByteWriter {
  private byte[] buf;
  private int size;

  ByteWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  byte[] array() {
    return buf;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  ByteWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  ByteWriter u16(int v) {
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  ByteWriter u32(long v) {
    ensure(4);
    for (int s = 24; s >= 0; s -= 8) {
      buf[size++] = (byte) (v >>> s);
    }
    return this;
  }

  ByteWriter i64(long v) {
    ensure(8);
    for (int s = 56; s >= 0; s -= 8) {
      buf[size++] = (byte) (v >>> s);
    }
    return this;
  }

  /** Unsigned LEB128: 7 bits per byte, low group first, high bit = more bytes follow. */
  ByteWriter varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
    return this;
  }

  /** Signed values as zigzag then varint: 0, -1, 1, -2 ... become 0, 1, 2, 3 ... */
  ByteWriter zigzag(long v) {
    return varint((v << 1) ^ (v >> 63));
  }

  ByteWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  ByteWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
    return this;
  }

  /** varint byte length, then the bytes. */
  ByteWriter lengthPrefixed(byte[] b) {
    varint(b.length);
    return bytes(b);
  }

  /** varint byte length, then UTF-8. */
  ByteWriter string(String s) {
    return lengthPrefixed(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Exactly {@code s.length()} bytes of ASCII (used for 18-character Ids). */
  ByteWriter ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[size++] = (byte) s.charAt(i);
    }
    return this;
  }
}
