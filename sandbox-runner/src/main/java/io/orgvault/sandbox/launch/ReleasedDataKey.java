package io.orgvault.sandbox.launch;

import io.orgvault.engine.crypto.KeyEncryptionKey;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.sandbox.protocol.DataKeyBinding;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A tenant's data key, unwrapped on the host for one job so that the platform key-encryption key
 * never enters a sandbox. The host opens the store's {@code keys/data-key} through the engine with
 * the platform KEK (which checks tenant and KEK id and authenticates the wrap) and keeps what the
 * unwrap returned, with the {@link DataKeyBinding} of the bytes it unwrapped.
 */
public final class ReleasedDataKey implements AutoCloseable {
  private final String kekId;
  private final String binding;
  private final byte[] material;

  private ReleasedDataKey(String kekId, String binding, byte[] material) {
    this.kekId = kekId;
    this.binding = binding;
    this.material = material;
  }

  /** Unwraps the data key of the store at {@code volume}, which must belong to {@code tenant}. */
  public static ReleasedDataKey release(Path volume, String tenant, KeyEncryptionKey platformKek) {
    Capturing capturing = new Capturing(platformKek);
    RecordStore.open(volume, tenant, capturing).close();
    if (capturing.material == null) {
      throw new IllegalStateException("the store opened without unwrapping its data key");
    }
    return new ReleasedDataKey(platformKek.id(), capturing.binding, capturing.material);
  }

  public String kekId() {
    return kekId;
  }

  public String binding() {
    return binding;
  }

  /** A copy of the key material; the caller clears it. */
  public byte[] material() {
    return material.clone();
  }

  @Override
  public void close() {
    Arrays.fill(material, (byte) 0);
  }

  @Override
  public String toString() {
    return "ReleasedDataKey[" + kekId + "]";
  }

  /** Delegates to the platform KEK and keeps the one unwrap's input binding and output. */
  private static final class Capturing implements KeyEncryptionKey {
    private final KeyEncryptionKey delegate;
    private String binding;
    private byte[] material;

    Capturing(KeyEncryptionKey delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public byte[] wrap(byte[] key, byte[] associatedData) {
      throw new UnsupportedOperationException("releasing a key never wraps one");
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
      byte[] plain = delegate.unwrap(wrapped, associatedData);
      binding = DataKeyBinding.of(associatedData, wrapped);
      material = plain.clone();
      return plain;
    }

    @Override
    public void close() {
      // the platform KEK belongs to the caller
    }
  }
}
