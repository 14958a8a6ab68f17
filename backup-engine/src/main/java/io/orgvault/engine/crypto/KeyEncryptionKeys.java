package io.orgvault.engine.crypto;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens a {@link KeyEncryptionKey} from a {@code scheme:location} string via ServiceLoader. */
public final class KeyEncryptionKeys {
  private KeyEncryptionKeys() {}

  public static KeyEncryptionKey open(String reference) throws IOException {
    int colon = reference.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "a KEK reference looks like scheme:location (e.g. file:/etc/orgvault/kek.key)");
    }
    String scheme = reference.substring(0, colon);
    List<String> known = new ArrayList<>();
    for (KeyEncryptionKeyProvider p : ServiceLoader.load(KeyEncryptionKeyProvider.class)) {
      if (p.scheme().equals(scheme)) {
        return p.open(reference.substring(colon + 1));
      }
      known.add(p.scheme());
    }
    throw new IllegalArgumentException(
        "no KEK provider for scheme '" + scheme + "'; available: " + known);
  }
}
