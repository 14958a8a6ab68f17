package io.orgvault.web.platform;

import io.orgvault.engine.crypto.KeyEncryptionKey;
import io.orgvault.engine.crypto.KeyEncryptionKeys;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The platform key-encryption key, opened once at start through the engine's KEK SPI ({@code
 * orgvault.kek}, e.g. {@code file:/etc/orgvault/kek.key}; a KMS provider plugs in by scheme). A
 * service without its KEK does not start: it could not read a single token.
 */
@Startup
@ApplicationScoped
public class PlatformKek implements KeyEncryptionKey {
  private final KeyEncryptionKey kek;

  PlatformKek(@ConfigProperty(name = "orgvault.kek") String reference) {
    try {
      this.kek = KeyEncryptionKeys.open(reference);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the platform KEK " + reference, e);
    }
  }

  @Override
  public String id() {
    return kek.id();
  }

  @Override
  public byte[] wrap(byte[] key, byte[] associatedData) {
    return kek.wrap(key, associatedData);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
    return kek.unwrap(wrapped, associatedData);
  }

  /** The container owns this key: a caller's try-with-resources must not close it. */
  @Override
  public void close() {}

  @PreDestroy
  void shutdown() throws Exception {
    kek.close();
  }
}
