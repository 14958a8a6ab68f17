package io.orgvault.engine.store;

import java.nio.file.Path;

/** A store file is damaged: it fails authentication, is truncated or is malformed. */
public class StoreCorruptedException extends StoreException {
  private final Path file;
  private final DamageKind kind;
  private final long offset;
  private final long block;

  /**
   * @param offset byte offset of the damaged region in the file, or -1 if unknown
   * @param block block number within a segment, or -1 if not a segment block
   */
  public StoreCorruptedException(
      Path file, DamageKind kind, long offset, long block, String detail) {
    super(
        "store file "
            + file
            + " is damaged ("
            + kind
            + ")"
            + (block >= 0 ? " in block " + block : "")
            + (offset >= 0 ? " at offset " + offset : "")
            + ": "
            + detail);
    this.file = file;
    this.kind = kind;
    this.offset = offset;
    this.block = block;
  }

  public Path file() {
    return file;
  }

  public DamageKind kind() {
    return kind;
  }

  public long offset() {
    return offset;
  }

  public long block() {
    return block;
  }
}
