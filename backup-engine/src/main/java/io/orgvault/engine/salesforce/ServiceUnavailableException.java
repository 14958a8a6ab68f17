package io.orgvault.engine.salesforce;

/**
 * Salesforce kept failing with transient errors (5xx, {@code SERVER_UNAVAILABLE}, broken
 * connections, cut-off bodies) until the retry policy's attempts were spent.
 */
public class ServiceUnavailableException extends SalesforceException {
  private final int attempts;

  public ServiceUnavailableException(String message, int attempts, Throwable lastFailure) {
    super(message, lastFailure);
    this.attempts = attempts;
  }

  /** How many attempts were made. */
  public int attempts() {
    return attempts;
  }
}
