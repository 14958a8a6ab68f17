package io.orgvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plays the admin's browser at Salesforce's login and consent pages (the simulator's). */
public final class SalesforceBrowser {
  private static final Pattern FLOW = Pattern.compile("name=\"flow\" value=\"([^\"]+)\"");
  private final HttpClient http;
  private final Simulator sim;

  public SalesforceBrowser(Simulator sim) {
    this.sim = sim;
    this.http =
        HttpClient.newBuilder()
            .sslContext(sim.clientSslContext())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Logs in, answers the consent page, and returns the callback's query parameters. */
  public Map<String, String> authorize(String authorizeUrl, boolean allow)
      throws IOException, InterruptedException {
    HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String username = sim.org().username(sim.org().integrationUserId());
    HttpResponse<String> consent =
        post(Map.of("flow", flow(login.body()), "username", username, "password", "orgvault-demo"));
    assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
    HttpResponse<String> redirect =
        post(Map.of("flow", flow(consent.body()), "decision", allow ? "allow" : "deny"));
    assertThat(redirect.statusCode()).isEqualTo(302);
    URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(location.toString()).startsWith(SimulatorTestResource.CALLBACK + "?");
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : location.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  /** A refresh-token grant at the simulator: 200 while the token is live. */
  public int refresh(String refreshToken) throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("client_id", sim.connectedApp().consumerKey());
    form.put("client_secret", sim.connectedApp().consumerSecret());
    return send(HttpRequest.newBuilder(sim.baseUrl().resolve("/services/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form))))
        .statusCode();
  }

  /** Revokes a token at the simulator, as an admin does in Salesforce's setup: the status. */
  public int revoke(String token) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(sim.baseUrl().resolve("/services/oauth2/revoke"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("token", token)))))
        .statusCode();
  }

  private HttpResponse<String> post(Map<String, String> form)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(sim.baseUrl().resolve("/services/oauth2/authorize"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form))));
  }

  private HttpResponse<String> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String flow(String html) {
    Matcher m = FLOW.matcher(html);
    assertThat(m.find()).as("a flow nonce on the page").isTrue();
    return m.group(1);
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
}
