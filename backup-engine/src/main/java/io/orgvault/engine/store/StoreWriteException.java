package io.orgvault.engine.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writing a store file failed (a full disk, an I/O error). Nothing partial became visible: the
 * backup being written is not committed and every earlier backup is intact.
 */
public class StoreWriteException extends StoreException {
  private final Path file;

  public StoreWriteException(Path file, IOException cause) {
    super(
        "could not write "
            + file
            + ": "
            + cause.getMessage()
            + "; nothing was committed and earlier backups are intact",
        cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
