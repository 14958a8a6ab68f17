package io.orgvault.engine.salesforce;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A Salesforce session: the access token and the instance it is valid on. {@link #toString()} never
 * shows the token.
 */
public final class AccessToken {
  private final String value;
  private final URI instanceUrl;
  private final Instant issuedAt;

  /**
   * @param value the access token (session id)
   * @param instanceUrl the org's instance, e.g. {@code https://acme.my.salesforce.com}
   * @param issuedAt when it was issued, or null when unknown
   */
  public AccessToken(String value, URI instanceUrl, Instant issuedAt) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the access token is missing");
    }
    this.value = value;
    this.instanceUrl = SalesforceCredentials.requireHttps(stripSlash(instanceUrl));
    this.issuedAt = issuedAt;
  }

  private static URI stripSlash(URI u) {
    Objects.requireNonNull(u, "instance URL");
    String s = u.toString();
    return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
  }

  String value() {
    return value;
  }

  public URI instanceUrl() {
    return instanceUrl;
  }

  /** When the token was issued, or null when unknown. */
  public Instant issuedAt() {
    return issuedAt;
  }

  @Override
  public String toString() {
    return "AccessToken[instanceUrl="
        + instanceUrl
        + ", issuedAt="
        + issuedAt
        + ", token=(hidden)]";
  }
}
