package io.orgvault.audit.checkpoint;

import java.security.GeneralSecurityException;

/**
 * Signs checkpoints with a key kept outside the database. {@link Ed25519KeyFile} reads a PKCS#8
 * file; a KMS or HSM implements this interface instead.
 */
public interface CheckpointSigner {
  /** Names the key in each checkpoint so verification finds the matching public key. */
  String keyId();

  /** An Ed25519 signature over the payload. */
  byte[] sign(byte[] payload) throws GeneralSecurityException;
}
