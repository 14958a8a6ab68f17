package io.orgvault.engine.store;

import io.orgvault.engine.crypto.DataKey;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The authenticated envelope of manifests and prune records: magic 4, version 2, reserved 2, body
 * length 4, the JSON body, then HMAC-SHA256 under the manifest MAC key over everything before it.
 * Each kind has its own magic, so one cannot be passed off as the other. The layout is in
 * docs/store-format.md, "Manifests" and "Prune records".
 */
final class MacEnvelope {
  /** magic 4 + version 2 + reserved 2 + body length 4. */
  static final int HEADER_BYTES = 12;

  static final int MAC_BYTES = 32;

  private static final int MAGIC_BYTES = 4;

  /** Where a header whose lengths do not fit is reported: the reserved field. */
  private static final int RESERVED_OFFSET = 6;

  private final byte[] magic;
  private final int version;
  private final String kind;

  /**
   * @param kind what the file is, with its article, for damage details ("a manifest")
   */
  MacEnvelope(byte[] magic, int version, String kind) {
    this.magic = magic.clone();
    this.version = version;
    this.kind = kind;
  }

  /** Where the body of an opened file is, and the MAC (hex) that authenticated it. */
  record Body(int offset, int length, String macHex) {}

  /** The file bytes of {@code body} in this envelope; its MAC is the last {@link #MAC_BYTES}. */
  byte[] seal(DataKey key, byte[] body) {
    ByteWriter w = new ByteWriter(HEADER_BYTES + body.length + MAC_BYTES);
    w.bytes(magic).u16(version).u16(0).u32(body.length).bytes(body);
    w.bytes(key.manifestMac().doFinal(w.toByteArray()));
    return w.toByteArray();
  }

  /** The MAC of sealed file bytes, hex. */
  static String macHex(byte[] sealed) {
    return HexFormat.of().formatHex(sealed, sealed.length - MAC_BYTES, sealed.length);
  }

  /** The MAC stored at the end of {@code all}; null when it is too short to hold one. */
  static byte[] storedMac(byte[] all) {
    if (all.length < HEADER_BYTES + MAC_BYTES) {
      return null;
    }
    return Arrays.copyOfRange(all, all.length - MAC_BYTES, all.length);
  }

  /**
   * Checks and authenticates the bytes of {@code file}. The MAC is checked before the version: a
   * flipped version byte is damage, not a newer format.
   *
   * @throws StoreCorruptedException if the file is truncated, has a bad header or fails its MAC
   * @throws UnsupportedFormatVersionException if it authenticates but has another version
   */
  Body open(Path file, byte[] all, DataKey key) {
    byte[] storedMac = storedMac(all);
    if (storedMac == null) {
      throw damage(file, DamageKind.TRUNCATED, all.length, "shorter than " + kind);
    }
    ByteReader h = new ByteReader(all, 0, HEADER_BYTES);
    int fileVersion;
    int reserved;
    long bodyLength;
    try {
      if (!Arrays.equals(h.bytes(MAGIC_BYTES), magic)) {
        throw damage(file, DamageKind.BAD_HEADER, 0, "bad magic");
      }
      fileVersion = h.u16();
      reserved = h.u16();
      bodyLength = h.u32();
    } catch (ByteReader.Malformed e) {
      // Unreachable: the length check above guarantees a whole header.
      throw damage(file, DamageKind.BAD_HEADER, 0, "header does not parse");
    }
    byte[] mac = key.manifestMac().doFinal(Arrays.copyOf(all, all.length - MAC_BYTES));
    if (!MessageDigest.isEqual(mac, storedMac)) {
      throw damage(file, DamageKind.MANIFEST_MAC_MISMATCH, -1, "MAC does not match its bytes");
    }
    if (fileVersion != version) {
      throw new UnsupportedFormatVersionException(file, fileVersion, version);
    }
    if (reserved != 0 || bodyLength != all.length - HEADER_BYTES - MAC_BYTES) {
      throw damage(file, DamageKind.BAD_HEADER, RESERVED_OFFSET, "lengths do not fit the file");
    }
    return new Body(HEADER_BYTES, (int) bodyLength, HexFormat.of().formatHex(mac));
  }

  private static StoreCorruptedException damage(
      Path file, DamageKind kind, long offset, String detail) {
    return new StoreCorruptedException(file, kind, offset, -1, detail);
  }
}
