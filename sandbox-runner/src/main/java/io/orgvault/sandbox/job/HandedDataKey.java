package io.orgvault.sandbox.job;

import io.orgvault.engine.crypto.KeyEncryptionKey;
import io.orgvault.sandbox.protocol.DataKeyBinding;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The data key the host unwrapped for this job, presented to the store as its key-encryption key.
 * The platform key never enters a sandbox: the host opened the tenant's {@code keys/data-key} with
 * it and handed over the result with the SHA-256 of that file's header and wrapped bytes (the
 * binding). {@link #unwrap} answers only for exactly those bytes, so the key opens this tenant's
 * store and no other file. A sandbox never creates a store or rotates keys, so {@link #wrap}
 * refuses.
 */
final class HandedDataKey implements KeyEncryptionKey {
  private final String kekId;
  private final byte[] binding;
  private final byte[] material;

  HandedDataKey(String kekId, String bindingHex, byte[] material) {
    this.kekId = kekId;
    this.binding = HexFormat.of().parseHex(bindingHex);
    this.material = material.clone();
  }

  @Override
  public String id() {
    return kekId;
  }

  @Override
  public byte[] wrap(byte[] key, byte[] associatedData) {
    throw new UnsupportedOperationException(
        "a sandbox does not wrap keys: the host creates stores and rotates keys");
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
    byte[] actual = HexFormat.of().parseHex(DataKeyBinding.of(associatedData, wrapped));
    if (!MessageDigest.isEqual(binding, actual)) {
      throw new GeneralSecurityException(
          "the handed data key was released for another key file than this store's");
    }
    return material.clone();
  }

  @Override
  public void close() {
    Arrays.fill(material, (byte) 0);
  }

  @Override
  public String toString() {
    return "HandedDataKey[" + kekId + "]";
  }
}
