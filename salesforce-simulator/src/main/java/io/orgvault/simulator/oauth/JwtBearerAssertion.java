package io.orgvault.simulator.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Responses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The assertion of the JWT bearer grant, checked as Salesforce documents it: an RS256-signed JWT
 * whose {@code iss} is the consumer key, {@code sub} the username, {@code aud} the login URL and
 * {@code exp} at most three minutes ahead; the signature must verify against the certificate
 * uploaded to the connected app.
 */
final class JwtBearerAssertion {
  /** Salesforce wants {@code exp} "within 3 minutes"; a few seconds more allow for clock skew. */
  static final Duration MAX_VALIDITY = Duration.ofMinutes(3).plusSeconds(5);

  private static final Set<String> LOGIN_URLS =
      Set.of("https://login.salesforce.com", "https://test.salesforce.com");

  private JwtBearerAssertion() {}

  /** The claims the grant uses, after every check passed. */
  record Claims(String issuer, String subject) {}

  /**
   * Checks an assertion.
   *
   * @param instanceUrl this simulator's URL, also accepted as audience (the My Domain login URL)
   * @throws ApiException an OAuth error when any check fails
   */
  static Claims verify(String assertion, ConnectedApp app, String instanceUrl, Instant now) {
    if (assertion == null || assertion.isBlank()) {
      throw OAuthErrors.of("invalid_request", "assertion is missing");
    }
    String[] parts = assertion.trim().split("\\.", -1);
    if (parts.length != 3) {
      throw OAuthErrors.invalidAssertion();
    }
    JsonNode header = json(parts[0]);
    JsonNode claims = json(parts[1]);
    if (!"RS256".equals(header.path("alg").asText(null))) {
      throw OAuthErrors.invalidAssertion();
    }
    String issuer = claims.path("iss").asText(null);
    if (issuer == null || !issuer.equals(app.consumerKey())) {
      throw OAuthErrors.unknownClient();
    }
    X509Certificate cert = app.jwtCertificate();
    if (cert == null || !signatureValid(parts, cert, now)) {
      throw OAuthErrors.invalidAssertion();
    }
    if (!audienceValid(claims.path("aud"), instanceUrl)) {
      throw OAuthErrors.of("invalid_grant", "audience is invalid");
    }
    JsonNode exp = claims.path("exp");
    if (!exp.isNumber()) {
      throw OAuthErrors.invalidAssertion();
    }
    Instant expiresAt = Instant.ofEpochSecond(exp.asLong());
    if (!now.isBefore(expiresAt) || expiresAt.isAfter(now.plus(MAX_VALIDITY))) {
      throw OAuthErrors.invalidAssertion();
    }
    JsonNode nbf = claims.path("nbf");
    if (nbf.isNumber() && Instant.ofEpochSecond(nbf.asLong()).isAfter(now.plusSeconds(5))) {
      throw OAuthErrors.invalidAssertion();
    }
    String subject = claims.path("sub").asText(null);
    if (subject == null || subject.isBlank()) {
      throw OAuthErrors.invalidAssertion();
    }
    return new Claims(issuer, subject);
  }

  private static JsonNode json(String part) {
    try {
      JsonNode n = Responses.JSON.readTree(Base64.getUrlDecoder().decode(part));
      if (n == null || !n.isObject()) {
        throw OAuthErrors.invalidAssertion();
      }
      return n;
    } catch (IllegalArgumentException | IOException e) {
      throw OAuthErrors.invalidAssertion();
    }
  }

  private static boolean signatureValid(String[] parts, X509Certificate cert, Instant now) {
    try {
      cert.checkValidity(java.util.Date.from(now));
      Signature sig = Signature.getInstance("SHA256withRSA");
      sig.initVerify(cert.getPublicKey());
      sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return sig.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code aud} may be one string or an array (RFC 7519); one value must be a login URL. */
  private static boolean audienceValid(JsonNode aud, String instanceUrl) {
    List<String> values = new ArrayList<>();
    if (aud.isTextual()) {
      values.add(aud.asText());
    } else if (aud.isArray()) {
      aud.forEach(v -> values.add(v.asText("")));
    }
    for (String v : values) {
      String url = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
      if (LOGIN_URLS.contains(url) || url.equals(instanceUrl)) {
        return true;
      }
    }
    return false;
  }
}
