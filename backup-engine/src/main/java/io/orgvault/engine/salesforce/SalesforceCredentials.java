package io.orgvault.engine.salesforce;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * What the client needs to obtain sessions for one org: the login host, the connected app's
 * consumer key and secret, and the refresh token the org's admin granted. Held in memory only;
 * {@link #toString()} shows neither the secret nor the refresh token, and no exception message of
 * this package contains them.
 */
public final class SalesforceCredentials {
  private final URI loginUrl;
  private final String consumerKey;
  private final String consumerSecret;
  private final String refreshToken;

  private SalesforceCredentials(
      URI loginUrl, String consumerKey, String consumerSecret, String refreshToken) {
    this.loginUrl = requireHttps(loginUrl);
    this.consumerKey = requireText(consumerKey, "consumer key");
    this.consumerSecret = requireText(consumerSecret, "consumer secret");
    this.refreshToken = requireText(refreshToken, "refresh token");
  }

  /**
   * Credentials for the OAuth 2.0 refresh token grant.
   *
   * @param loginUrl e.g. {@code https://login.salesforce.com} or a My Domain URL
   */
  public static SalesforceCredentials ofRefreshToken(
      URI loginUrl, String consumerKey, String consumerSecret, String refreshToken) {
    return new SalesforceCredentials(loginUrl, consumerKey, consumerSecret, refreshToken);
  }

  public URI loginUrl() {
    return loginUrl;
  }

  public String consumerKey() {
    return consumerKey;
  }

  String consumerSecret() {
    return consumerSecret;
  }

  String refreshToken() {
    return refreshToken;
  }

  static URI requireHttps(URI uri) {
    Objects.requireNonNull(uri, "URL");
    if (uri.getScheme() == null
        || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
        || uri.getHost() == null) {
      throw new IllegalArgumentException("Salesforce is reached over HTTPS only, not " + uri);
    }
    return uri;
  }

  private static String requireText(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException("the " + what + " is missing");
    }
    return s;
  }

  @Override
  public String toString() {
    return "SalesforceCredentials[loginUrl="
        + loginUrl
        + ", consumerKey="
        + consumerKey
        + ", consumerSecret=(hidden), refreshToken=(hidden)]";
  }
}
