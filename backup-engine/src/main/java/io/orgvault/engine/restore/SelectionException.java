package io.orgvault.engine.restore;

/** A selection names a backup, object or record that cannot be restored from. */
public final class SelectionException extends RuntimeException {
  public SelectionException(String message) {
    super(message);
  }
}
