package io.orgvault.audit.checkpoint;

import io.orgvault.audit.event.ChainHash;
import java.time.Instant;

/**
 * A signed statement: the tenant's chain had this head hash at this sequence number at this time.
 * The format is the {@link CheckpointPayload} version the signature covers.
 */
public record Checkpoint(
    String tenantId,
    long seq,
    ChainHash headHash,
    Instant createdAt,
    int format,
    String keyId,
    byte[] signature) {

  /** The bytes the signature covers. */
  public byte[] payload() {
    return CheckpointPayload.v1(tenantId, seq, headHash, createdAt, keyId);
  }
}
