package io.orgvault.engine.store;

/** The key-encryption key (or tenant) given does not open this store's data key. */
public class WrongKeyException extends StoreException {
  public WrongKeyException(String message) {
    super(message);
  }
}
