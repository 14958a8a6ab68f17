package io.orgvault.web.salesforce.oauth;

/**
 * Salesforce refused an OAuth request ({@code invalid_grant}, {@code invalid_client}, ...) or
 * answered in a way the service cannot trust. Carries Salesforce's error code, never a token.
 */
public class OAuthRefusedException extends RuntimeException {
  private final String errorCode;

  public OAuthRefusedException(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
