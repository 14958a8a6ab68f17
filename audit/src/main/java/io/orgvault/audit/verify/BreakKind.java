package io.orgvault.audit.verify;

/** What is wrong at the first broken link of a chain. */
public enum BreakKind {
  /** A row's values no longer hash to its stored hash: the row was edited. */
  HASH_MISMATCH,
  /**
   * A row's recorded predecessor hash is not its predecessor's hash: a row was inserted, replaced
   * or moved before it.
   */
  BROKEN_LINK,
  /** Sequence numbers skip: rows were deleted (or renumbered). */
  SEQUENCE_GAP,
  /** A row in a canonical-form version this build does not know. */
  UNKNOWN_FORMAT,
  /** A checkpoint's signature does not verify: the checkpoint was forged or edited. */
  CHECKPOINT_SIGNATURE_INVALID,
  /** A checkpoint names a key that is not among the verification keys. */
  CHECKPOINT_UNKNOWN_KEY,
  /**
   * A validly signed checkpoint disagrees with the chain at its sequence number: the chain was
   * rewritten from some row up to there.
   */
  CHECKPOINT_MISMATCH,
  /** A validly signed checkpoint covers rows that are gone: the chain's tail was deleted. */
  TRUNCATED
}
