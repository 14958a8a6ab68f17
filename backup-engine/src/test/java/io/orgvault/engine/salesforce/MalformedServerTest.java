package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.orgvault.simulator.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Responses the simulator never gives: a deliberately broken server over real HTTPS, answering each
 * path with a fixed reply. The client must fail with a clear, typed error naming the endpoint and
 * never deliver a wrong record.
 */
class MalformedServerTest {
  private static final String SESSION = "00D000000000001!AQ4AQStubSessionTokenValue";
  private static final String VERSIONS =
      "[{\"label\":\"Winter '26\",\"url\":\"/services/data/v65.0\",\"version\":\"65.0\"}]";

  private record Reply(int status, Map<String, String> headers, String body) {}

  private static SelfSignedCertificate cert;
  private static HttpsServer server;
  private static final Map<String, Reply> routes = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws IOException {
    cert = SelfSignedCertificate.generate("127.0.0.1");
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
    server.createContext("/", MalformedServerTest::serve);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @BeforeEach
  void reset() {
    routes.clear();
    hits.clear();
    route("/services/data/", 200, VERSIONS);
  }

  private static void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
    Reply r =
        routes.getOrDefault(
            path, new Reply(404, Map.of(), "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no\"}]"));
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private static void route(String path, int status, String body) {
    routes.put(path, new Reply(status, Map.of("Content-Type", "application/json"), body));
  }

  private static SalesforceClient client() {
    return SalesforceClient.connect(
        TokenSource.fixed(
            SESSION, URI.create("https://127.0.0.1:" + server.getAddress().getPort())),
        TrustStores.trusting(cert.trustStore()),
        ClientOptions.builder()
            .retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO))
            .sleeper(d -> {})
            .bulkPolling(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1))
            .build());
  }

  private static FieldDescription field(String name, String type) {
    return new FieldDescription(
        name,
        name,
        type,
        "xsd:string",
        0,
        0,
        0,
        0,
        true,
        false,
        false,
        false,
        false,
        false,
        false,
        List.of(),
        null,
        false,
        false);
  }

  private static final SObjectDescription CONTACT =
      new SObjectDescription(
          "Contact",
          "Contact",
          "003",
          false,
          true,
          true,
          true,
          true,
          true,
          true,
          true,
          List.of(
              field("Id", "id"), field("SystemModstamp", "datetime"), field("Birthdate", "date")),
          List.of());

  @Test
  void aVersionListThatIsNotJsonFailsAfterRetriesNamingTheEndpoint() {
    route("/services/data/", 200, "<html>maintenance</html>");
    assertThatThrownBy(MalformedServerTest::client)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("GET /services/data/")
        .hasMessageContaining("3 times");
    assertThat(hits.get("/services/data/").get()).isEqualTo(3);
  }

  @Test
  void aNextPageOnAnotherHostIsNeverFollowed() {
    route(
        "/services/data/v65.0/query",
        200,
        "{\"totalSize\":2,\"done\":false,\"nextRecordsUrl\":\"https://evil.example/services/data/v65.0/query/01g-1\","
            + "\"records\":[{\"Id\":\"003000000000001AAA\"}]}");
    RecordStream<Map<String, Object>> s = client().query("SELECT Id FROM Contact", false);
    assertThatThrownBy(s::hasNext)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("nextRecordsUrl is not a path of this instance");
  }

  @Test
  void pagesHoldingFewerRecordsThanAnnouncedAreMalformed() {
    route(
        "/services/data/v65.0/query",
        200,
        "{\"totalSize\":5,\"done\":true,\"records\":[{\"Id\":\"003000000000001AAA\"}]}");
    RecordStream<Map<String, Object>> s = client().query("SELECT Id FROM Contact", false);
    assertThatThrownBy(s::hasNext)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("announced 5 records but its pages held 1");
  }

  @Test
  void aValueThatDoesNotFitItsFieldNamesTheFieldAndRecordButNotTheValue() {
    route(
        "/services/data/v65.0/query",
        200,
        "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"003000000000001AAA\","
            + "\"SystemModstamp\":\"2026-01-05T08:00:00.000+0000\",\"Birthdate\":\"31/12/1999\"}]}");
    Extraction e =
        client().extract(ExtractionRequest.of(CONTACT).method(ExtractionMethod.REST).build());
    assertThatThrownBy(e::next)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("Contact record 003000000000001AAA")
        .hasMessageContaining("Birthdate (date)")
        .hasMessageContaining("GET /services/data/v65.0/query")
        .hasMessageNotContaining("31/12/1999");
    assertThat(hits.get("/services/data/v65.0/query").get())
        .as("content errors are not retried")
        .isEqualTo(1);
  }

  @Test
  void serverErrorTextIsCleanedOfTheSession() {
    route(
        "/services/data/v65.0/query",
        400,
        "[{\"errorCode\":\"MALFORMED_QUERY\",\"message\":\"bad request for session "
            + SESSION
            + "\"}]");
    assertThatThrownBy(() -> client().count("Contact"))
        .isInstanceOfSatisfying(
            SalesforceApiException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
              assertThat(e.status()).isEqualTo(400);
            })
        .hasMessageContaining("(hidden)")
        .hasMessageNotContaining(SESSION);
    assertThat(hits.get("/services/data/v65.0/query").get()).isEqualTo(1);
  }

  @Test
  void aForbiddenCallThatIsNotALimitIsNotRetried() {
    route(
        "/services/data/v65.0/query",
        403,
        "[{\"errorCode\":\"API_DISABLED_FOR_ORG\",\"message\":\"API is not enabled for this Organization or Partner\"}]");
    assertThatThrownBy(() -> client().count("Contact"))
        .isInstanceOfSatisfying(
            SalesforceApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo("API_DISABLED_FOR_ORG"));
    assertThat(hits.get("/services/data/v65.0/query").get()).isEqualTo(1);
  }

  private void bulkJob(String state, String resultsCsv, Map<String, String> resultHeaders) {
    route(
        "/services/data/v65.0/jobs/query",
        200,
        "{\"id\":\"750000000000001AAA\",\"state\":\"UploadComplete\"}");
    route(
        "/services/data/v65.0/jobs/query/750000000000001AAA",
        200,
        "{\"id\":\"750000000000001AAA\",\"state\":\""
            + state
            + "\",\"errorMessage\":\"InvalidBatch : Failed to process query\"}");
    routes.put(
        "/services/data/v65.0/jobs/query/750000000000001AAA/results",
        new Reply(200, resultHeaders, resultsCsv));
  }

  @Test
  void aBulkRowWithTheWrongNumberOfFieldsIsMalformed() {
    bulkJob(
        "JobComplete",
        "\"Id\",\"SystemModstamp\",\"Birthdate\"\n\"003000000000001AAA\",\"2026-01-05T08:00:00.000Z\"\n",
        Map.of("Sforce-Locator", "null", "Sforce-NumberOfRecords", "1"));
    Extraction e =
        client().extract(ExtractionRequest.of(CONTACT).method(ExtractionMethod.BULK).build());
    assertThatThrownBy(e::hasNext)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("2 fields where the header has 3")
        .hasMessageContaining("/results");
    assertThat(hits.get("/services/data/v65.0/jobs/query/750000000000001AAA/results").get())
        .isEqualTo(3);
  }

  @Test
  void aResultSetShortOfItsAnnouncedRecordsIsMalformed() {
    bulkJob(
        "JobComplete",
        "\"Id\",\"SystemModstamp\",\"Birthdate\"\n\"003000000000001AAA\",\"2026-01-05T08:00:00.000Z\",\n",
        Map.of("Sforce-Locator", "null", "Sforce-NumberOfRecords", "2"));
    Extraction e =
        client().extract(ExtractionRequest.of(CONTACT).method(ExtractionMethod.BULK).build());
    // The record that did arrive whole is delivered; then the set is found short.
    assertThat(e.next().id()).isEqualTo("003000000000001AAA");
    assertThatThrownBy(e::hasNext)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("held 1 of its 2 records");
  }

  @Test
  void aFailedBulkJobIsATypedErrorWithSalesforcesReason() {
    bulkJob("Failed", "", Map.of());
    Extraction e =
        client().extract(ExtractionRequest.of(CONTACT).method(ExtractionMethod.BULK).build());
    assertThatThrownBy(e::hasNext)
        .isInstanceOfSatisfying(
            SalesforceApiException.class,
            ex -> assertThat(ex.errorCode()).isEqualTo("BULK_JOB_FAILED"))
        .hasMessageContaining("750000000000001AAA")
        .hasMessageContaining("Failed to process query");
  }
}
