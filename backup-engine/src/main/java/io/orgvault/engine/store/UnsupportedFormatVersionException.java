package io.orgvault.engine.store;

import java.nio.file.Path;

/** A store file carries a format version this code does not read (written by a newer OrgVault). */
public class UnsupportedFormatVersionException extends StoreException {
  private final Path file;
  private final int found;

  public UnsupportedFormatVersionException(Path file, int found, int supported) {
    super(
        "store file "
            + file
            + " has format version "
            + found
            + "; this OrgVault reads version "
            + supported
            + " (upgrade OrgVault to read it)");
    this.file = file;
    this.found = found;
  }

  public Path file() {
    return file;
  }

  public int foundVersion() {
    return found;
  }
}
