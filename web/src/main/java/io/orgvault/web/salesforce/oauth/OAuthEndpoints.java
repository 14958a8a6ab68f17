package io.orgvault.web.salesforce.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.salesforce.TrustStores;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * The Salesforce OAuth endpoints the platform calls itself: the authorization-code exchange with
 * PKCE, the identity URL and token revocation (Salesforce Help: "OAuth 2.0 Web Server Flow",
 * "Identity URLs", "Revoke OAuth Tokens"). HTTPS only, trusting the JDK's roots or a configured
 * PEM; responses are size-capped and never quoted into messages.
 */
@ApplicationScoped
public class OAuthEndpoints {
  static final int MAX_RESPONSE_BYTES = 64 * 1024;
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern IDENTITY_PATH =
      Pattern.compile("/id/([A-Za-z0-9]{15,18})/([A-Za-z0-9]{15,18})");

  /** Salesforce's own fixed error descriptions, which say more than the code and echo nothing. */
  static final java.util.Set<String> KNOWN_DESCRIPTIONS =
      java.util.Set.of(
          "user hasn't approved this consumer",
          "invalid assertion",
          "audience is invalid",
          "client identifier invalid",
          "user is not admin approved to access this app",
          "user is inactive",
          "expired access/refresh token",
          "invalid authorization code");

  private final ConnectedAppConfig app;
  private final ObjectMapper json;
  private final HttpClient http;

  @Inject
  OAuthEndpoints(ConnectedAppConfig app, ObjectMapper json) {
    this.app = app;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls(app))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();
  }

  /** The URL the user's browser goes to. */
  public String authorizeUrl(String loginUrl, OAuthState state, String codeChallenge) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", app.clientId());
    p.put("redirect_uri", app.callbackUrl());
    p.put("scope", app.scopes());
    p.put("state", state.value());
    p.put("code_challenge", codeChallenge);
    p.put("code_challenge_method", "S256");
    return loginUrl + "/services/oauth2/authorize?" + form(p);
  }

  /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
  public TokenGrant exchangeCode(String loginUrl, String code, String verifier) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("grant_type", "authorization_code");
    p.put("code", code);
    p.put("client_id", app.clientId());
    p.put("client_secret", clientSecret());
    p.put("redirect_uri", app.callbackUrl());
    p.put("code_verifier", verifier);
    JsonNode body = post(loginUrl + "/services/oauth2/token", p, "token exchange");
    String access = text(body, "access_token");
    String refresh = text(body, "refresh_token");
    String instance = text(body, "instance_url");
    String id = text(body, "id");
    if (access == null || refresh == null || instance == null || id == null) {
      throw new OAuthRefusedException(
          "incomplete_grant",
          "the token response lacks access_token, refresh_token, instance_url or id"
              + " (is the refresh_token scope granted to the connected app?)");
    }
    checkSignature(body, id);
    if (!URI.create(instance).getScheme().equals("https")) {
      throw new OAuthRefusedException("insecure_instance", "instance_url is not https");
    }
    return new TokenGrant(access, refresh, instance, id);
  }

  /**
   * A fresh session from a refresh token (the refresh-token grant). {@code invalid_grant} means the
   * token is revoked or expired: the org must be reconnected.
   */
  public AccessGrant refresh(String loginUrl, String refreshToken) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("grant_type", "refresh_token");
    p.put("refresh_token", refreshToken);
    p.put("client_id", app.clientId());
    p.put("client_secret", clientSecret());
    JsonNode body = post(loginUrl + "/services/oauth2/token", p, "token refresh");
    String access = text(body, "access_token");
    String instance = text(body, "instance_url");
    String id = text(body, "id");
    if (access == null || instance == null || id == null) {
      throw new OAuthRefusedException("incomplete_grant", "the refresh response lacks fields");
    }
    checkSignature(body, id);
    if (!URI.create(instance).getScheme().equals("https")) {
      throw new OAuthRefusedException("insecure_instance", "instance_url is not https");
    }
    return new AccessGrant(access, instance);
  }

  /**
   * A session by the JWT bearer grant. Salesforce issues no refresh token and no response signature
   * for it; the access token and the identity URL are all there is.
   */
  public TokenGrant jwtBearer(String loginUrl, String assertion) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    p.put("assertion", assertion);
    JsonNode body = post(loginUrl + "/services/oauth2/token", p, "JWT bearer grant");
    String access = text(body, "access_token");
    String instance = text(body, "instance_url");
    String id = text(body, "id");
    if (access == null || instance == null || id == null) {
      throw new OAuthRefusedException(
          "incomplete_grant", "the JWT bearer response lacks access_token, instance_url or id");
    }
    if (!URI.create(instance).getScheme().equals("https")) {
      throw new OAuthRefusedException("insecure_instance", "instance_url is not https");
    }
    return new TokenGrant(access, null, instance, id);
  }

  /** A session: never printed. */
  public record AccessGrant(String accessToken, String instanceUrl) {
    @Override
    public String toString() {
      return "AccessGrant[instanceUrl=" + instanceUrl + "]";
    }
  }

  /** Reads the identity URL of a grant; it must be on the login host that granted it. */
  public SalesforceIdentity identity(String loginUrl, TokenGrant grant) {
    URI id = URI.create(grant.identityUrl());
    URI login = URI.create(loginUrl);
    Matcher m = IDENTITY_PATH.matcher(id.getRawPath() == null ? "" : id.getRawPath());
    if (!"https".equals(id.getScheme())
        || !login.getHost().equalsIgnoreCase(id.getHost())
        || !m.matches()) {
      throw new OAuthRefusedException(
          "unexpected_identity_url",
          "the identity URL is not on the login host " + login.getHost());
    }
    HttpRequest req =
        HttpRequest.newBuilder(id)
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + grant.accessToken())
            .header("Accept", "application/json")
            .GET()
            .build();
    JsonNode body = send(req, "identity");
    String org = text(body, "organization_id");
    String user = text(body, "user_id");
    String username = text(body, "username");
    if (org == null || user == null || username == null) {
      throw new OAuthRefusedException("malformed_identity", "the identity response lacks ids");
    }
    if (!org.startsWith(m.group(1).substring(0, 15))
        || !user.startsWith(m.group(2).substring(0, 15))) {
      throw new OAuthRefusedException("malformed_identity", "identity ids differ from the URL's");
    }
    return new SalesforceIdentity(org, user, username);
  }

  /**
   * Revokes a token (a refresh token revokes its access tokens too). Returns false when Salesforce
   * says the token is already invalid, which leaves the same end state.
   */
  public boolean revoke(String loginUrl, String token) {
    try {
      post(loginUrl + "/services/oauth2/revoke", Map.of("token", token), "revocation");
      return true;
    } catch (OAuthRefusedException e) {
      if ("invalid_token".equals(e.errorCode()) || "unsupported_token_type".equals(e.errorCode())) {
        return false;
      }
      throw e;
    }
  }

  private JsonNode post(String url, Map<String, String> form, String what) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)))
            .build();
    return send(req, what);
  }

  private JsonNode send(HttpRequest req, String what) {
    HttpResponse<InputStream> r;
    byte[] bytes;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
    } catch (IOException e) {
      throw new OAuthRefusedException(
          "unreachable", "Salesforce " + what + " failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OAuthRefusedException("interrupted", "Salesforce " + what + " interrupted");
    }
    if (bytes.length > MAX_RESPONSE_BYTES) {
      throw new OAuthRefusedException(
          "oversized_response", "Salesforce " + what + " response too large");
    }
    JsonNode body;
    try {
      body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    } catch (IOException e) {
      body = null;
    }
    if (r.statusCode() == 200 && body != null && body.isObject()) {
      return body;
    }
    String error = body != null && body.isObject() ? text(body, "error") : null;
    // Salesforce's error codes are a fixed vocabulary; descriptions may echo input, so only the
    // code travels on.
    String code = error != null && error.matches("[a-z_]{1,64}") ? error : "http_" + r.statusCode();
    String description = body != null && body.isObject() ? text(body, "error_description") : null;
    throw new OAuthRefusedException(
        code,
        "Salesforce refused the "
            + what
            + ": "
            + code
            + (description != null && KNOWN_DESCRIPTIONS.contains(description)
                ? " (" + description + ")"
                : ""));
  }

  /** The HMAC-SHA256 of {@code id + issued_at} under the consumer secret, when sent. */
  private void checkSignature(JsonNode body, String id) {
    String signature = text(body, "signature");
    String issuedAt = text(body, "issued_at");
    if (signature == null || issuedAt == null) {
      return;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal((id + issuedAt).getBytes(StandardCharsets.UTF_8));
      byte[] given = Base64.getDecoder().decode(signature);
      if (!MessageDigest.isEqual(expected, given)) {
        throw new OAuthRefusedException("bad_signature", "the token response signature is wrong");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new OAuthRefusedException(
          "bad_signature", "the token response signature is unreadable");
    }
  }

  private String clientSecret() {
    try {
      return Files.readString(app.clientSecretFile(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the connected app's secret file " + app.clientSecretFile(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || !v.isTextual() ? null : v.asText();
  }

  static String form(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }

  private static SSLContext tls(ConnectedAppConfig app) {
    if (app.trustPem().isEmpty()) {
      return TrustStores.jdkDefault();
    }
    try (InputStream in = Files.newInputStream(app.trustPem().get())) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("salesforce-" + i++, c);
      }
      if (i == 0) {
        throw new IllegalStateException("no certificate in " + app.trustPem().get());
      }
      return TrustStores.trusting(ks);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read trust PEM " + app.trustPem().get(), e);
    }
  }
}
