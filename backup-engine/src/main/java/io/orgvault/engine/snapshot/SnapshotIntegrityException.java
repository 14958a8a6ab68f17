package io.orgvault.engine.snapshot;

/**
 * An object read back from S3 is not the bytes its snapshot manifest names (damage or tampering).
 */
public class SnapshotIntegrityException extends SnapshotException {
  private final String path;

  public SnapshotIntegrityException(String path, String message) {
    super(path + ": " + message);
    this.path = path;
  }

  /** The store file whose object is wrong. */
  public String path() {
    return path;
  }
}
