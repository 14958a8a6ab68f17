package io.orgvault.engine.store;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte keyed content hash (HMAC-SHA256 under the tenant's blob-id key): the id of a blob chunk
 * and the whole-body hash of a blob. Equal content gives equal ids within one tenant; ids reveal
 * nothing about content to anyone without the key.
 */
public final class ContentId implements Comparable<ContentId> {
  public static final int BYTES = 32;
  private final byte[] bytes;

  private ContentId(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ContentId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a content id is 32 bytes");
    }
    return new ContentId(bytes.clone());
  }

  public static ContentId fromHex(String hex) {
    if (hex.length() != BYTES * 2) {
      throw new IllegalArgumentException("a content id is 64 hex digits");
    }
    return new ContentId(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentId && Arrays.equals(bytes, ((ContentId) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(ContentId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
