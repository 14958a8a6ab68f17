package io.orgvault.engine.crypto;

import java.io.IOException;
import java.nio.file.Path;

/** Provides {@link FileKeyEncryptionKey} for references {@code file:/path/to/kek.key}. */
public final class FileKeyEncryptionKeyProvider implements KeyEncryptionKeyProvider {
  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public KeyEncryptionKey open(String location) throws IOException {
    return FileKeyEncryptionKey.load(Path.of(location));
  }
}
