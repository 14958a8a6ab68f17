package io.orgvault.engine.store;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The random 128-bit id of a segment. It names the file and salts the segment's own encryption key,
 * which is what makes block nonces unique (see docs/store-format.md, "Nonces").
 */
public final class SegmentId {
  public static final int BYTES = 16;
  private final byte[] bytes;

  private SegmentId(byte[] bytes) {
    this.bytes = bytes;
  }

  static SegmentId random(SecureRandom random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new SegmentId(b);
  }

  static SegmentId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a segment id is 16 bytes");
    }
    return new SegmentId(bytes.clone());
  }

  public static SegmentId fromHex(String hex) {
    if (hex.length() != BYTES * 2) {
      throw new IllegalArgumentException("a segment id is 32 hex digits: " + hex);
    }
    return new SegmentId(HexFormat.of().parseHex(hex));
  }

  byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentId && Arrays.equals(bytes, ((SegmentId) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
