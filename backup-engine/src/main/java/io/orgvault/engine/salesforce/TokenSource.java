package io.orgvault.engine.salesforce;

import java.net.URI;

/**
 * Where the client gets its session. The usual one runs the OAuth refresh token grant ({@link
 * SalesforceClient#connect(SalesforceCredentials, javax.net.ssl.SSLContext, ClientOptions)}); a
 * sandboxed job that was handed a short-lived session uses {@link #fixed}.
 */
public interface TokenSource {
  /** The session to use now, obtaining one first if there is none. */
  AccessToken current();

  /**
   * A new session to replace {@code rejected}, which Salesforce refused with {@code
   * INVALID_SESSION_ID}. If another thread already replaced it, returns that replacement.
   *
   * @throws AuthenticationException when no new session can be had
   */
  AccessToken refresh(AccessToken rejected);

  /** How many times a session was obtained by refreshing (for metrics and tests). */
  default int refreshes() {
    return 0;
  }

  /** A session that cannot be renewed: when Salesforce rejects it the run fails. */
  static TokenSource fixed(String accessToken, URI instanceUrl) {
    AccessToken token = new AccessToken(accessToken, instanceUrl, null);
    return new TokenSource() {
      @Override
      public AccessToken current() {
        return token;
      }

      @Override
      public AccessToken refresh(AccessToken rejected) {
        throw new AuthenticationException(
            "Salesforce rejected the session (INVALID_SESSION_ID) and this client was given no"
                + " refresh token to obtain a new one");
      }

      @Override
      public String toString() {
        return "TokenSource.fixed[" + token + "]";
      }
    };
  }
}
