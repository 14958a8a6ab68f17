package io.orgvault.audit.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest in the chain: a row's hash, its predecessor's, a checkpoint's head. */
public final class ChainHash {
  public static final int LENGTH = 32;

  /** The predecessor of a tenant's first row. */
  public static final ChainHash GENESIS = new ChainHash(new byte[LENGTH]);

  private final byte[] bytes;

  private ChainHash(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ChainHash of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a chain hash has " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
    }
    return new ChainHash(bytes.clone());
  }

  public static ChainHash ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public static ChainHash sha256(byte[] data) {
    try {
      return new ChainHash(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChainHash h && MessageDigest.isEqual(bytes, h.bytes);
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
