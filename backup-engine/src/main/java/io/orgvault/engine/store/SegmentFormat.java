package io.orgvault.engine.store;

import java.nio.charset.StandardCharsets;

/** Byte layout constants of a segment file; docs/store-format.md describes each. */
final class SegmentFormat {
  static final byte[] MAGIC = "OVSG".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TRAILER_MAGIC = "OVSE".getBytes(StandardCharsets.US_ASCII);

  /**
   * The version this code writes: 2 adds the text index section, 3 the change index section (a
   * segment written with knowledge of the previous backup; compaction outputs have none).
   */
  static final int VERSION = 3;

  /** Text index, no change index; still read (compare reads its rows). */
  static final int VERSION_2 = 2;

  /** The first layout, without a text index; still read (searched by scan). */
  static final int VERSION_1 = 1;

  /** magic 4 + version 2 + flags 2 + segment id 16. */
  static final int HEADER_BYTES = 24;

  /** footer offset 8 + footer sealed length 4 + footer plain length 4 + version 2 + 2 + magic 4. */
  static final int TRAILER_BYTES = 24;

  /** The part of the trailer bound into the footer's associated data. */
  static final int TRAILER_BOUND_BYTES = 16;

  /**
   * A block is closed once its uncompressed rows reach this size: large enough for zstd to find the
   * repetition between rows of one object, small enough that a point lookup decrypts little.
   */
  static final int BLOCK_TARGET_BYTES = 256 * 1024;

  /** No authentic block or footer is larger; a bigger length is damage, not an allocation. */
  static final int MAX_PLAIN_BYTES = 256 * 1024 * 1024;

  static final int ZSTD_LEVEL = 3;

  static final int NONCE_KIND_BLOCK = 0;
  static final int NONCE_KIND_FOOTER = 1;
  static final int NONCE_KIND_TEXT_INDEX = 2;
  static final int NONCE_KIND_CHANGE_INDEX = 3;

  /** No authentic change index section is larger (plain bytes); a bigger length is damage. */
  static final int MAX_CHANGE_INDEX_BYTES = 256 * 1024 * 1024;

  /** No authentic text index section is larger (plain bytes); a bigger length is damage. */
  static final int MAX_TEXT_INDEX_BYTES = 256 * 1024 * 1024;

  static final String SUFFIX = ".seg";

  private SegmentFormat() {}

  static byte[] header(SegmentId id, int version) {
    return new ByteWriter(HEADER_BYTES)
        .bytes(MAGIC)
        .u16(version)
        .u16(0)
        .bytes(id.bytes())
        .toByteArray();
  }

  /** 96-bit nonce: a 32-bit kind (block, footer or text index) then the 64-bit block number. */
  static byte[] nonce(int kind, long number) {
    return new ByteWriter(12).u32(kind).i64(number).toByteArray();
  }

  /** Associated data: the 24 header bytes, the nonce, then {@code extra} (footer: trailer). */
  static byte[] aad(byte[] header, byte[] nonce, byte[] extra) {
    ByteWriter w = new ByteWriter(header.length + nonce.length + extra.length);
    return w.bytes(header).bytes(nonce).bytes(extra).toByteArray();
  }

  /** Whether this code reads {@code version}. */
  static boolean readable(int version) {
    return version == VERSION || version == VERSION_2 || version == VERSION_1;
  }

  static String fileName(SegmentId id) {
    return id.hex() + SUFFIX;
  }
}
