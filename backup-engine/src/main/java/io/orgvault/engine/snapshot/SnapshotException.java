package io.orgvault.engine.snapshot;

/** A snapshot could not be taken, read or restored; the message says which object and why. */
public class SnapshotException extends RuntimeException {
  public SnapshotException(String message) {
    super(message);
  }

  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
