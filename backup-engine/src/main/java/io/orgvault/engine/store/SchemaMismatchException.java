package io.orgvault.engine.store;

/** A record value does not fit the type its field has in the schema of the backup being written. */
public class SchemaMismatchException extends StoreException {
  public SchemaMismatchException(String message) {
    super(message);
  }
}
