package io.orgvault.engine.salesforce;

/**
 * A failure talking to Salesforce. Unchecked, so that record streams can raise it from {@code
 * Iterator.next()}. Every message names what failed (endpoint, object) and never carries an access
 * token, refresh token or consumer secret.
 */
public class SalesforceException extends RuntimeException {
  public SalesforceException(String message) {
    super(message);
  }

  public SalesforceException(String message, Throwable cause) {
    super(message, cause);
  }
}
