package io.orgvault.simulator.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.orgvault.simulator.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A minimal Bulk API 2.0 client over real HTTPS, as tests use it. */
final class BulkClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int VERSION = 60;

  private final HttpClient http;
  private final String base;
  private final String token;

  BulkClient(Simulator sim) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(sim.clientSslContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.base = sim.baseUrl().toString();
    this.token = sim.issueToken(sim.org().integrationUserId());
  }

  /** The path of a resource under a version, e.g. {@code jobs/query}. */
  static String path(int version, String rest) {
    return "/services/data/v" + version + ".0/" + rest;
  }

  HttpResponse<String> send(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET that asks for a gzip-compressed body and returns it as sent. */
  HttpResponse<byte[]> gzip(String rest) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(base + path(VERSION, rest)))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept-Encoding", "gzip")
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> get(String rest) throws IOException, InterruptedException {
    return send("GET", path(VERSION, rest), null, null);
  }

  HttpResponse<String> json(String method, String rest, String body)
      throws IOException, InterruptedException {
    return send(method, path(VERSION, rest), "application/json", body);
  }

  JsonNode ok(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Polls a job until it reaches a terminal state and returns its last info. */
  JsonNode awaitDone(String kind, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      JsonNode info = ok(get("jobs/" + kind + "/" + id));
      String state = info.get("state").asText();
      if (state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted")) {
        return info;
      }
      assertThat(System.nanoTime()).as("job " + id + " still " + state).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** The single error of a Salesforce error array, after checking the status. */
  static JsonNode error(HttpResponse<String> r, int status) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.isArray()).as(r.body()).isTrue();
    assertThat(body).hasSize(1);
    assertThat(body.get(0).has("message")).isTrue();
    return body.get(0);
  }

  /** Parses CSV with a real CSV parser: the header row names each record's fields. */
  static List<Map<String, String>> csv(String text, char delimiter, String lineEnding)
      throws IOException {
    CsvMapper mapper = new CsvMapper();
    CsvSchema schema =
        CsvSchema.emptySchema()
            .withHeader()
            .withColumnSeparator(delimiter)
            .withLineSeparator(lineEnding);
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        mapper.readerForMapOf(String.class).with(schema).readValues(text)) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    }
    return rows;
  }

  static List<Map<String, String>> csv(String text) throws IOException {
    return csv(text, ',', "\n");
  }
}
