package io.orgvault.engine.cli;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The store a command works on: its volume, tenant and key-encryption key file. */
final class VolumeOptions {
  @Option(names = "--volume", required = true, description = "The tenant's volume directory.")
  Path volume;

  @Option(names = "--tenant", required = true, description = "The tenant id the store belongs to.")
  String tenant;

  @Option(
      names = "--kek",
      required = true,
      description = "The key-encryption key file that wraps the store's data key.")
  Path kekFile;

  RecordStore open() {
    return open(StoreOptions.defaults());
  }

  RecordStore open(StoreOptions options) {
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(kekFile)) {
      return RecordStore.open(volume, tenant, kek, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key-encryption key file " + kekFile, e);
    }
  }

  /** Opens the store, creating it first when the volume holds none. */
  RecordStore openOrCreate(StoreOptions options) {
    if (Files.exists(volume.resolve("keys"))) {
      return open(options);
    }
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(kekFile)) {
      return RecordStore.create(volume, tenant, kek, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key-encryption key file " + kekFile, e);
    }
  }
}
