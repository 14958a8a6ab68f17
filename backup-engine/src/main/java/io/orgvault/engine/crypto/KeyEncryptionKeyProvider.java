package io.orgvault.engine.crypto;

import java.io.IOException;

/**
 * Service-provider interface for {@link KeyEncryptionKey} sources, discovered with {@link
 * java.util.ServiceLoader}. A provider answers for one location scheme, e.g. {@code file} for
 * {@code file:/etc/orgvault/kek.key}; a KMS provider would answer for its own scheme.
 */
public interface KeyEncryptionKeyProvider {

  /** The scheme this provider handles, without the colon. */
  String scheme();

  /**
   * Opens the KEK at {@code location} (the part after {@code scheme:}).
   *
   * @throws IOException if the key cannot be read or is not acceptable (the message says why)
   */
  KeyEncryptionKey open(String location) throws IOException;
}
