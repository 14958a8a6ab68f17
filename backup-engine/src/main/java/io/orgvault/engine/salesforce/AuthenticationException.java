package io.orgvault.engine.salesforce;

/**
 * Salesforce refused the client's credentials: the refresh token was revoked or has expired, the
 * consumer key or secret is wrong, or a freshly issued session was rejected at once. Retrying does
 * not help; the org's connected-app authorization has to be renewed.
 */
public class AuthenticationException extends SalesforceException {
  public AuthenticationException(String message) {
    super(message);
  }

  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
