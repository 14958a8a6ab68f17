package io.orgvault.audit.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checkpoint public keys held in memory, by their {@link Ed25519KeyFile#keyId key id}. */
public final class KeyRing implements CheckpointKeys {
  private final Map<String, PublicKey> byId;

  public KeyRing(List<PublicKey> keys) {
    this.byId =
        keys.stream()
            .collect(Collectors.toUnmodifiableMap(Ed25519KeyFile::keyId, Function.identity()));
  }

  /** The public keys in these files (PEM or DER SubjectPublicKeyInfo). */
  public static KeyRing fromFiles(List<Path> files) throws IOException, GeneralSecurityException {
    List<PublicKey> keys = new ArrayList<>();
    for (Path f : files) {
      keys.add(Ed25519KeyFile.readPublic(f));
    }
    return new KeyRing(keys);
  }

  @Override
  public Optional<PublicKey> publicKey(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }
}
