package io.orgvault.engine.crypto;

import java.security.GeneralSecurityException;

/**
 * The platform key-encryption key (KEK) that wraps each tenant's data key. Implementations: a key
 * file in development ({@link FileKeyEncryptionKey}), a KMS or HSM in production. The KEK itself
 * never leaves its implementation; only wrapped bytes do.
 */
public interface KeyEncryptionKey extends AutoCloseable {

  /** A stable, non-secret identifier of this KEK, recorded next to every key it wraps. */
  String id();

  /**
   * Wraps (encrypts and authenticates) {@code key}. The result is opaque to callers.
   *
   * @param associatedData bound to the wrapped bytes; unwrap must present the same bytes
   */
  byte[] wrap(byte[] key, byte[] associatedData);

  /**
   * Unwraps bytes produced by {@link #wrap} of the same KEK with the same associated data.
   *
   * @throws GeneralSecurityException if this is not the KEK that wrapped them, the associated data
   *     differ, or the bytes were altered
   */
  byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException;

  /** Forgets the key material held in memory, where the implementation holds any. */
  @Override
  void close();
}
