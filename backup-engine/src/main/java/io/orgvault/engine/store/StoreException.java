package io.orgvault.engine.store;

/**
 * Base of the store's errors. Unchecked, so that streaming iterators can report them; messages name
 * files and offsets but never hold key material or record values.
 */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
