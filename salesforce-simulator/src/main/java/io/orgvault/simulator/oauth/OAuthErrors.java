package io.orgvault.simulator.oauth;

import io.orgvault.simulator.http.ApiException;

/**
 * The errors of the token and revoke endpoints, as Salesforce words them. They travel as {@link
 * ApiException}s whose error code is the OAuth {@code error} and whose message is the {@code
 * error_description}; {@link OAuthApi#writeError} writes them in the OAuth shape.
 */
final class OAuthErrors {
  private OAuthErrors() {}

  static ApiException of(String error, String description) {
    return new ApiException(400, error, description);
  }

  static ApiException unknownClient() {
    return of("invalid_client_id", "client identifier invalid");
  }

  static ApiException badClientSecret() {
    return of("invalid_client", "invalid client credentials");
  }

  static ApiException unsupportedGrantType() {
    return of("unsupported_grant_type", "grant type not supported");
  }

  static ApiException redirectMismatch() {
    return of("redirect_uri_mismatch", "redirect_uri must match configuration");
  }

  static ApiException invalidCode() {
    return of("invalid_grant", "invalid authorization code");
  }

  static ApiException expiredCode() {
    return of("invalid_grant", "expired authorization code");
  }

  static ApiException badRefreshToken() {
    return of("invalid_grant", "expired access/refresh token");
  }

  static ApiException invalidAssertion() {
    return of("invalid_grant", "invalid assertion");
  }

  static ApiException inactiveUser() {
    return of("inactive_user", "user is inactive");
  }
}
