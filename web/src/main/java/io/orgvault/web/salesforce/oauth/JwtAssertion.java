package io.orgvault.web.salesforce.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * The assertion of Salesforce's JWT bearer grant (Salesforce Help: "OAuth 2.0 JWT Bearer Flow for
 * Server-to-Server Integration"): header {@code {"alg":"RS256"}}, claims {@code iss} (the connected
 * app's consumer key), {@code sub} (the username), {@code aud} (the authorization server) and
 * {@code exp} (at most three minutes ahead), signed with SHA256withRSA from the JDK.
 */
public final class JwtAssertion {
  /** Under Salesforce's three minutes, leaving room for clock skew between the two sides. */
  public static final Duration VALIDITY = Duration.ofMinutes(2);

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectMapper JSON = new ObjectMapper();

  private JwtAssertion() {}

  /**
   * The audience for a login URL: Salesforce accepts only its two authorization servers, so a My
   * Domain login URL maps to login.salesforce.com (test.salesforce.com for a sandbox's My Domain);
   * any other allowed host (a private deployment, the simulator) is its own audience.
   */
  public static String audience(String loginUrl) {
    String host = URI.create(loginUrl).getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".sandbox.my.salesforce.com")) {
      return "https://test.salesforce.com";
    }
    if (host.endsWith(".my.salesforce.com")) {
      return "https://login.salesforce.com";
    }
    return loginUrl;
  }

  /** A signed assertion valid from {@code now} for {@link #VALIDITY}. */
  public static String sign(
      PrivateKey key, String consumerKey, String username, String audience, Instant now) {
    return expiringAt(key, consumerKey, username, audience, now.plus(VALIDITY));
  }

  /** A signed assertion with the given {@code exp} (tests make refused ones with it). */
  public static String expiringAt(
      PrivateKey key, String consumerKey, String username, String audience, Instant expiresAt) {
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256");
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", consumerKey)
            .put("sub", username)
            .put("aud", audience)
            .put("exp", expiresAt.getEpochSecond());
    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the JWT assertion", e);
    }
  }

  private static String encode(ObjectNode node) {
    return B64.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
  }
}
