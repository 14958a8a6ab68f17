package io.orgvault.engine.store;

/** What is wrong with a damaged store file, as {@code verify} and the readers report it. */
public enum DamageKind {
  /** The file ends before its structure does. */
  TRUNCATED,
  /** Magic, version, flags or id in the file header are not what the file must hold. */
  BAD_HEADER,
  /** The fixed trailer of a segment is inconsistent with the file. */
  BAD_TRAILER,
  /** The segment footer (block index, counts, Id filter) fails authentication or is malformed. */
  FOOTER_UNREADABLE,
  /** A segment block fails authentication or does not decompress. */
  BLOCK_UNREADABLE,
  /** A block authenticates but its rows are not what its index entry says. */
  BLOCK_MALFORMED,
  /** A segment's text index section fails authentication, does not decompress or is malformed. */
  TEXT_INDEX_UNREADABLE,
  /**
   * A segment's change index section fails authentication, does not decompress, is malformed, or an
   * entry does not describe its row.
   */
  CHANGE_INDEX_UNREADABLE,
  /** A blob chunk fails authentication or its content does not match its id. */
  CHUNK_UNREADABLE,
  /** A blob's chunks do not add up to the length and body hash its reference holds. */
  BLOB_MISMATCH,
  /** A manifest's MAC does not match its bytes. */
  MANIFEST_MAC_MISMATCH,
  /** A manifest authenticates but does not parse, or a manifest file is misnamed. */
  MANIFEST_MALFORMED,
  /** A manifest does not name its predecessor's MAC, or a predecessor is missing. */
  CHAIN_BROKEN,
  /**
   * A prune record does not fit the manifests: it replaces segments a manifest lists only in part,
   * or its dropped ranges overlap another record's.
   */
  PRUNE_MISMATCH,
  /** A file that a manifest or row references does not exist. */
  MISSING_FILE,
  /** A segment's own counts differ from those its manifest recorded. */
  COUNT_MISMATCH,
  /** The file's format version is one this code does not read. */
  UNSUPPORTED_VERSION,
  /** The state of a pending (uncommitted) backup fails authentication or does not parse. */
  PENDING_STATE_UNREADABLE,
  /** The wrapped data key cannot be read. */
  KEY_FILE_DAMAGED
}
