package io.orgvault.engine.store;

/**
 * A paging cursor that this store did not seal for this use, or that no longer fits the request
 * (another comparison, another filter). The message never echoes the cursor's content.
 */
public class InvalidCursorException extends IllegalArgumentException {
  public InvalidCursorException(String message) {
    super(message);
  }
}
