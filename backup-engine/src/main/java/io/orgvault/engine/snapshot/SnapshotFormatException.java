package io.orgvault.engine.snapshot;

/** A snapshot manifest that is not one this version writes (malformed, or an unknown version). */
public class SnapshotFormatException extends SnapshotException {
  public SnapshotFormatException(String message) {
    super(message);
  }
}
