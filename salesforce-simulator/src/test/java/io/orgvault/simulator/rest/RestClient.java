package io.orgvault.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.simulator.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** A REST client over real HTTPS, trusting only the simulator's certificate. */
final class RestClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String V = "/services/data/v65.0";

  private final Simulator sim;
  private final HttpClient http;
  private final String token;

  RestClient(Simulator sim, String token) {
    this.sim = sim;
    this.token = token;
    this.http =
        HttpClient.newBuilder()
            .sslContext(sim.clientSslContext())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** A client with a token for the org's integration user. */
  static RestClient integrationUser(Simulator sim) {
    return new RestClient(sim, sim.issueToken(sim.org().integrationUserId()));
  }

  HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) {
    return exchange(request(method, path, body, headers), BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path) {
    return exchange(request("GET", path, null), BodyHandlers.ofByteArray());
  }

  private HttpRequest request(String method, String path, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private <T> HttpResponse<T> exchange(HttpRequest r, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(r, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }
}
