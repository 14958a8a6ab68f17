package io.orgvault.audit.checkpoint;

import java.security.PublicKey;
import java.util.Optional;

/**
 * The public keys checkpoints are verified with, by key id. Retired keys stay here after a rotation
 * so old checkpoints still verify.
 */
public interface CheckpointKeys {
  Optional<PublicKey> publicKey(String keyId);
}
