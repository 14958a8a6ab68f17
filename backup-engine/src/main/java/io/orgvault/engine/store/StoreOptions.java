package io.orgvault.engine.store;

import java.util.Objects;

/**
 * Tuning and seams of a {@link RecordStore}.
 *
 * @param io the write path (the system file system unless a test injects failures)
 * @param bufferBytes per-object buffer budget before a sorted segment is written
 */
public record StoreOptions(StorageIo io, long bufferBytes) {
  public StoreOptions {
    Objects.requireNonNull(io, "io");
    if (bufferBytes < 1) {
      throw new IllegalArgumentException("bufferBytes must be positive");
    }
  }

  public static StoreOptions defaults() {
    return new StoreOptions(StorageIo.system(), ObjectWriter.DEFAULT_BUFFER_BYTES);
  }

  public StoreOptions withIo(StorageIo io) {
    return new StoreOptions(io, bufferBytes);
  }

  public StoreOptions withBufferBytes(long bytes) {
    return new StoreOptions(io, bytes);
  }
}
