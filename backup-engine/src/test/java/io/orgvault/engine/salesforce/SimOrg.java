package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.oauth.OAuthApi;
import io.orgvault.simulator.org.ObjectTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated org for the client tests, and an OAuth grant to it: the refresh token comes from
 * running the web server flow through the simulator's login and consent pages over HTTPS, as an
 * admin would when connecting an org.
 */
final class SimOrg implements AutoCloseable {
  static final String CALLBACK = "https://orgvault.example/oauth/callback";
  private static final Pattern FLOW = Pattern.compile("name=\"flow\" value=\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  final Simulator sim;
  final String refreshToken;

  SimOrg(Simulator.Builder builder) throws IOException {
    this.sim = builder.callbackUrl(CALLBACK).start();
    this.refreshToken = grant();
  }

  static SimOrg start(int contacts) throws IOException {
    return new SimOrg(Simulator.builder().contacts(contacts).port(0));
  }

  SalesforceCredentials credentials() {
    return SalesforceCredentials.ofRefreshToken(
        sim.baseUrl(),
        sim.connectedApp().consumerKey(),
        sim.connectedApp().consumerSecret(),
        refreshToken);
  }

  /** Options for tests: short waits, generous retries. */
  static ClientOptions.Builder options() {
    return ClientOptions.builder()
        .sleeper(d -> Thread.sleep(Math.min(d.toMillis(), 5)))
        .random(new java.util.Random(1))
        .retryPolicy(new RetryPolicy(25, Duration.ofMillis(100), Duration.ofSeconds(5)))
        .bulkPolling(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMinutes(5));
  }

  SalesforceClient client() {
    return client(options().build());
  }

  SalesforceClient client(ClientOptions options) {
    return SalesforceClient.connect(credentials(), TrustStores.trusting(sim.trustStore()), options);
  }

  /** The Ids the org holds for an object: live ones, or live and in the recycle bin. */
  Set<String> ids(String object, boolean includeDeleted) {
    ObjectTable t = sim.org().table(object);
    Set<String> ids = new TreeSet<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r) || (includeDeleted && t.isRecycled(r))) {
        ids.add(t.id(r));
      }
    }
    return ids;
  }

  /** Asserts that no secret of this org's grant appears anywhere in a failure. */
  void assertNoSecrets(Throwable t, String... moreSecrets) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    String all = w + "\n" + t;
    assertThat(all)
        .doesNotContain(refreshToken)
        .doesNotContain(sim.connectedApp().consumerSecret());
    for (String s : moreSecrets) {
      assertThat(all).doesNotContain(s);
    }
  }

  // ------------------------------------------------------------------ the web server flow

  private String grant() throws IOException {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(sim.clientSslContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String username = sim.org().username(sim.org().integrationUserId());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", sim.connectedApp().consumerKey());
    p.put("redirect_uri", CALLBACK);
    p.put("scope", "api refresh_token");
    HttpResponse<String> login = send(http, get("/services/oauth2/authorize?" + form(p)));
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    HttpResponse<String> consent =
        send(
            http,
            post(
                Map.of(
                    "flow", flow(login.body()),
                    "username", username,
                    "password", OAuthApi.defaultDemoPassword())));
    assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
    HttpResponse<String> redirect =
        send(http, post(Map.of("flow", flow(consent.body()), "decision", "allow")));
    assertThat(redirect.statusCode()).isEqualTo(302);
    String location = redirect.headers().firstValue("Location").orElseThrow();
    String code = query(URI.create(location).getRawQuery()).get("code");
    Map<String, String> token = new LinkedHashMap<>();
    token.put("grant_type", "authorization_code");
    token.put("code", code);
    token.put("client_id", sim.connectedApp().consumerKey());
    token.put("client_secret", sim.connectedApp().consumerSecret());
    token.put("redirect_uri", CALLBACK);
    HttpResponse<String> r =
        send(
            http,
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(token)))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    return body.get("refresh_token").asText();
  }

  /** Revokes the grant's refresh token (and so its sessions) at the revoke endpoint. */
  void revokeRefreshToken() throws IOException {
    HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();
    HttpResponse<String> r =
        send(
            http,
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("token", refreshToken))))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private HttpRequest get(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery)).GET().build();
  }

  private HttpRequest post(Map<String, String> formFields) {
    return HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/oauth2/authorize"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(formFields)))
        .build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest r) throws IOException {
    try {
      return http.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static String flow(String html) {
    Matcher m = FLOW.matcher(html);
    assertThat(m.find()).as("the page has a flow nonce").isTrue();
    return m.group(1);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      m.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  private static String form(Map<String, String> params) {
    StringJoiner j = new StringJoiner("&");
    params.forEach(
        (k, v) ->
            j.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return j.toString();
  }

  @Override
  public void close() {
    sim.close();
  }
}
