package io.orgvault.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.orgvault.simulator.auth.AccessTokens;
import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.fault.Faults;
import io.orgvault.simulator.limits.ApiLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router's shared behaviour, over a real HTTP server with a trivial handler behind it. */
class RouterTest {
  private static final String ORG = "00D8d0000000001AAA";
  private static final String BODY = "{\"ok\":true,\"padding\":\"" + "x".repeat(5000) + "\"}";

  private HttpServer server;
  private final java.util.concurrent.ExecutorService handlers =
      java.util.concurrent.Executors.newFixedThreadPool(4);
  private AccessTokens tokens;
  private ApiLimits limits;
  private Faults faults;
  private String token;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    tokens = new AccessTokens(ORG, Duration.ofHours(1), Clock.systemUTC());
    limits = new ApiLimits(5, 2);
    faults = new Faults();
    Router router =
        new Router(tokens, limits, faults)
            .add(new Router.Route("/services/data/v", false, true, true, true, this::ok))
            .add(new Router.Route("/slow", true, false, false, true, this::slow))
            .add(
                new Router.Route(
                    "/boom",
                    true,
                    false,
                    false,
                    false,
                    r -> {
                      throw new IllegalStateException("internal detail that must not leak");
                    }));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", router);
    // Several handler threads, as the simulator has: the concurrency test needs two at once.
    server.setExecutor(handlers);
    server.start();
    token = tokens.issue("005000000000001AAA", "client", "api");
  }

  private final java.util.concurrent.CountDownLatch release =
      new java.util.concurrent.CountDownLatch(1);
  private final java.util.concurrent.CountDownLatch entered =
      new java.util.concurrent.CountDownLatch(1);

  private void slow(Request r) throws IOException {
    entered.countDown();
    try {
      release.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ok(r);
  }

  private void ok(Request r) throws IOException {
    Responses.text(r.exchange(), 200, Responses.JSON_TYPE, BODY);
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode error(HttpResponse<String> r) throws IOException {
    JsonNode body = Responses.JSON.readTree(r.body());
    assertThat(body.isArray()).isTrue();
    assertThat(body).hasSize(1);
    return body.get(0);
  }

  @Test
  void authenticatedCallCountsAgainstTheLimitAndSaysSo() throws Exception {
    HttpResponse<String> r = get("/services/data/v65.0/limits", token);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=1/5");
    assertThat(get("/services/data/v65.0/x", token).headers().firstValue("Sforce-Limit-Info"))
        .contains("api-usage=2/5");
  }

  @Test
  void missingOrUnknownTokenIsInvalidSessionAndNotCounted() throws Exception {
    for (String bad : new String[] {null, "nonsense"}) {
      HttpResponse<String> r = get("/services/data/v65.0/limits", bad);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(error(r).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");
      assertThat(error(r).get("message").asText()).isEqualTo("Session expired or invalid");
    }
    assertThat(limits.used()).isZero();
  }

  @Test
  void unsupportedApiVersionIsNotFound() throws Exception {
    HttpResponse<String> r = get("/services/data/v12.0/limits", token);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(error(r).get("errorCode").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void spentAllocationIsRequestLimitExceeded() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(get("/services/data/v65.0/limits", token).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> r = get("/services/data/v65.0/limits", token);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(error(r).get("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    limits.resetDay();
    assertThat(get("/services/data/v65.0/limits", token).statusCode()).isEqualTo(200);
  }

  @Test
  void callsBeyondTheConcurrencyLimitAreRefusedUntilOneEnds() throws Exception {
    limits.dailyMax(100);
    limits.concurrencyMax(1);
    var first =
        client.sendAsync(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS))
        .as(
            () ->
                first.isDone() ? first.join().statusCode() + " " + first.join().body() : "pending")
        .isTrue();
    HttpResponse<String> refused = get("/slow", null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(error(refused).get("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    release.countDown();
    assertThat(first.get().statusCode()).isEqualTo(200);
    assertThat(get("/slow", null).statusCode()).isEqualTo(200);
  }

  @Test
  void unexpectedFailureGivesAnErrorIdAndNoStackTrace() throws Exception {
    HttpResponse<String> r = get("/boom", null);
    assertThat(r.statusCode()).isEqualTo(500);
    JsonNode e = error(r);
    assertThat(e.get("errorCode").asText()).isEqualTo("UNKNOWN_EXCEPTION");
    assertThat(r.body()).doesNotContain("internal detail").doesNotContain("at io.orgvault");
  }

  @Test
  void faultsAreInjectedReproduciblyFromTheSeed() throws Exception {
    faults.enable(FaultPlan.none().withSeed(99).withServerErrors(0.5));
    limits.dailyMax(1000);
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = get("/services/data/v65.0/limits", token);
      first.append(r.statusCode() == 503 ? 'F' : '.');
      if (r.statusCode() == 503) {
        assertThat(error(r).get("errorCode").asText()).isEqualTo("SERVER_UNAVAILABLE");
      }
    }
    faults.enable(FaultPlan.none().withSeed(99).withServerErrors(0.5));
    StringBuilder second = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      second.append(get("/services/data/v65.0/limits", token).statusCode() == 503 ? 'F' : '.');
    }
    assertThat(first.toString()).contains("F").contains(".").isEqualTo(second.toString());
  }

  @Test
  void truncatedBodiesAreShorterThanTheRealOne() throws Exception {
    faults.enable(FaultPlan.none().withSeed(1).withTruncation(1.0));
    try {
      HttpResponse<String> r = get("/services/data/v65.0/limits", token);
      assertThat(r.body().length()).isLessThan(BODY.length());
    } catch (IOException expected) {
      // Content-Length promised more than arrived: the client sees the connection cut.
      assertThat(expected).isNotNull();
    }
  }

  @Test
  void stalledBodiesArriveWholeAfterTheStall() throws Exception {
    faults.enable(FaultPlan.none().withSeed(5).withStalls(1.0, 100, Duration.ofMillis(200)));
    HttpResponse<String> r = get("/services/data/v65.0/limits", token);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(BODY);
    assertThat(faults.injected()).isEqualTo(1);
  }

  @Test
  void tokenExpiryAndLimitExhaustionFaults() throws Exception {
    faults.enable(FaultPlan.none().withSeed(3).withTokenExpiry(1.0));
    assertThat(get("/services/data/v65.0/limits", token).statusCode()).isEqualTo(401);
    assertThat(tokens.validate(token)).isEmpty();

    String fresh = tokens.issue("005000000000001AAA", "client", "api");
    faults.enable(FaultPlan.none().withSeed(3).withLimitExhaustion(1.0));
    HttpResponse<String> r = get("/services/data/v65.0/limits", fresh);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(error(r).get("errorCode").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
    assertThat(Map.of("remaining", limits.remaining())).containsEntry("remaining", 0L);
  }
}
