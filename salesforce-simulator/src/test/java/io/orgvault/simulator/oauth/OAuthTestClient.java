package io.orgvault.simulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.simulator.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTPS client for the OAuth tests: it trusts exactly the simulator's certificate
 * and does not follow redirects, so a test can read each {@code Location}.
 */
final class OAuthTestClient {
  static final String CALLBACK = "https://app.example.com/oauth/callback";
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern FLOW = Pattern.compile("name=\"flow\" value=\"([^\"]+)\"");

  private final Simulator sim;
  private final HttpClient http;

  OAuthTestClient(Simulator sim) {
    this.sim = sim;
    this.http =
        HttpClient.newBuilder()
            .sslContext(sim.clientSslContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A simulator with a callback URL for these tests and a small org. */
  static Simulator.Builder simulator() {
    return Simulator.builder().contacts(200).callbackUrl(CALLBACK);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> post(String path, Map<String, String> form, String... headers)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> token(Map<String, String> form, String... headers) throws IOException {
    return post("/services/oauth2/token", form, headers);
  }

  /** The URL of an authorization request with these parameters. */
  static String authorizeUrl(Map<String, String> params) {
    return "/services/oauth2/authorize?" + form(params);
  }

  Map<String, String> authorizeParams(String challenge, String state) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", sim.connectedApp().consumerKey());
    p.put("redirect_uri", CALLBACK);
    p.put("scope", "api refresh_token id");
    if (state != null) {
      p.put("state", state);
    }
    if (challenge != null) {
      p.put("code_challenge", challenge);
      p.put("code_challenge_method", "S256");
    }
    return p;
  }

  /**
   * Drives the web server flow through its pages as a user would: the authorize URL, the login
   * form, the consent form. Returns the callback's query parameters.
   */
  Map<String, String> authorize(Map<String, String> params, String username, String password)
      throws IOException {
    HttpResponse<String> login = get(authorizeUrl(params));
    assertThat(login.statusCode()).isEqualTo(200);
    HttpResponse<String> consent =
        post(
            "/services/oauth2/authorize",
            Map.of("flow", flow(login.body()), "username", username, "password", password));
    assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
    assertThat(consent.body()).contains("Allow access?");
    HttpResponse<String> redirect =
        post(
            "/services/oauth2/authorize",
            Map.of("flow", flow(consent.body()), "decision", "allow"));
    return callback(redirect);
  }

  /**
   * Runs the whole web server flow with PKCE for a user and returns the token response.
   *
   * @param secret the consumer secret, or null for a public client
   */
  JsonNode webServerTokens(String username, String scope, String secret) throws IOException {
    String verifier = verifier();
    Map<String, String> params = authorizeParams(challenge(verifier), null);
    params.put("scope", scope);
    String code = authorize(params, username, "orgvault-demo").get("code");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("client_id", sim.connectedApp().consumerKey());
    form.put("redirect_uri", CALLBACK);
    form.put("code_verifier", verifier);
    if (secret != null) {
      form.put("client_secret", secret);
    }
    HttpResponse<String> r = token(form);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  /** The query parameters of a redirect to the test callback. */
  static Map<String, String> callback(HttpResponse<String> redirect) {
    assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(CALLBACK + "?");
    return query(URI.create(location).getRawQuery());
  }

  /** The anti-forgery nonce of a login or consent form. */
  static String flow(String html) {
    Matcher m = FLOW.matcher(html);
    assertThat(m.find()).as("the page has a flow nonce").isTrue();
    return m.group(1);
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      m.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
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

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  /** A fresh PKCE code verifier (43 base64url characters). */
  static String verifier() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The S256 challenge of a verifier, computed here independently of the server's code. */
  static String challenge(String verifier) {
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> send(HttpRequest req) throws IOException {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private URI uri(String pathAndQuery) {
    return URI.create(sim.baseUrl() + pathAndQuery);
  }
}
