package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.simulator.fault.FaultPlan;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outages and cut-off bodies injected by the simulator: the client retries with backoff and still
 * delivers exactly the org's records, each once; when the failures do not stop, it gives up with a
 * typed exception after its attempts.
 */
class FaultsTest {
  private static SimOrg org;
  private static SalesforceClient client;
  private static SObjectDescription contact;

  @BeforeAll
  static void start() throws Exception {
    org = SimOrg.start(2000);
    client = org.client(SimOrg.options().restBatchSize(200).bulkMaxRecords(300).build());
    contact = client.describe("Contact");
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @AfterEach
  void noFaults() {
    org.sim.faults().disable();
  }

  private static Set<String> extractIds(ExtractionMethod method) {
    List<String> ids = new ArrayList<>();
    try (Extraction e = client.extract(ExtractionRequest.of(contact).method(method).build())) {
      e.forEachRemaining(r -> ids.add(r.id()));
    }
    Set<String> set = new TreeSet<>(ids);
    assertThat(set).as("no record twice").hasSameSizeAs(ids);
    return set;
  }

  @Test
  void aStormOfServerErrorsStillGivesExactlyTheRightRecords() {
    long injected = org.sim.faults().injected();
    org.sim.faults().enable(FaultPlan.none().withSeed(11).withServerErrors(0.4));
    long calls = client.budget().callsMade();
    assertThat(extractIds(ExtractionMethod.REST)).isEqualTo(org.ids("Contact", false));
    assertThat(extractIds(ExtractionMethod.BULK)).isEqualTo(org.ids("Contact", false));
    assertThat(client.describe("Opportunity").fields()).isNotEmpty();
    Instant now = org.sim.org().clock().now();
    assertThat(client.getUpdated("Contact", now.minusSeconds(3600), now).ids()).isNotNull();
    long outages = org.sim.faults().injected() - injected;
    assertThat(outages).isGreaterThan(5);
    // Ten pages and seven result sets at least, and one more attempt for every outage.
    assertThat(client.budget().callsMade() - calls)
        .as("retried calls count against the budget")
        .isGreaterThanOrEqualTo(10 + 7 + outages);
  }

  @Test
  void cutOffBodiesAreDetectedAndFetchedAgain() {
    org.sim.faults().enable(FaultPlan.none().withSeed(5).withTruncation(0.3));
    assertThat(extractIds(ExtractionMethod.REST)).isEqualTo(org.ids("Contact", false));
    assertThat(extractIds(ExtractionMethod.BULK)).isEqualTo(org.ids("Contact", false));
    assertThat(client.describe("Account").fields()).isNotEmpty();
    assertThat(client.serverTimestamp()).isNotNull();
    assertThat(org.sim.faults().injected()).isGreaterThan(3);
  }

  @Test
  void soapCallsSurviveOutagesAndCutOffResponses() {
    org.sim.faults().enable(FaultPlan.none().withSeed(8).withServerErrors(0.3).withTruncation(0.4));
    Instant now = org.sim.org().clock().now();
    for (int i = 0; i < 10; i++) {
      assertThat(client.describe("Contact").fields()).hasSameSizeAs(contact.fields());
      assertThat(client.describeGlobal()).isNotEmpty();
      assertThat(client.getDeleted("Contact", now.minusSeconds(3600), now).deletions()).isEmpty();
    }
    assertThat(org.sim.faults().injected()).isGreaterThan(10);
  }

  @Test
  void soapResponsesThatAreAlwaysCutOffGiveUpWithATypedExceptionNeverAPartialResult() {
    SalesforceClient c =
        org.client(
            SimOrg.options().retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO)).build());
    org.sim.faults().enable(FaultPlan.none().withSeed(4).withTruncation(1.0));
    // A cut keeps up to 2 KB, which may happen to be all of a compressed response: then the
    // result is whole. Otherwise the call gives up; it never returns part of a describe.
    int failures = 0;
    for (int i = 0; i < 10; i++) {
      try {
        assertThat(c.describe("Contact").fields()).hasSameSizeAs(contact.fields());
      } catch (ServiceUnavailableException e) {
        assertThat(e).hasMessageContaining("SOAP describeSObject").hasMessageContaining("3 times");
        failures++;
      }
    }
    assertThat(failures).isGreaterThan(3);
  }

  @Test
  void everythingAtOnce() {
    org.sim
        .faults()
        .enable(
            FaultPlan.none()
                .withSeed(23)
                .withServerErrors(0.3)
                .withTruncation(0.2)
                .withLatency(Duration.ofMillis(1)));
    assertThat(extractIds(ExtractionMethod.BULK)).isEqualTo(org.ids("Contact", false));
    assertThat(extractIds(ExtractionMethod.REST)).isEqualTo(org.ids("Contact", false));
    assertThat(client.count("Contact")).isEqualTo(2000);
  }

  @Test
  void anOutageThatDoesNotEndGivesUpAfterTheAttemptsWithJitteredExponentialWaits() {
    List<Duration> waits = new ArrayList<>();
    RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(1));
    SalesforceClient c =
        org.client(SimOrg.options().retryPolicy(policy).sleeper(waits::add).build());
    org.sim.faults().enable(FaultPlan.none().withSeed(1).withServerErrors(1.0));
    long before = c.budget().callsMade();
    assertThatThrownBy(() -> c.count("Contact"))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("GET /services/data/v65.0/query")
        .hasMessageContaining("failed 5 times")
        .hasMessageContaining("503 SERVER_UNAVAILABLE");
    assertThat(c.budget().callsMade() - before).isEqualTo(5);
    assertThat(waits).hasSize(4);
    for (int i = 0; i < waits.size(); i++) {
      assertThat(waits.get(i)).isBetween(Duration.ZERO, policy.cap(i + 1));
    }
    assertThat(policy.cap(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.cap(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.cap(4)).isEqualTo(Duration.ofSeconds(1));

    waits.clear();
    assertThatThrownBy(() -> c.describe("Contact"))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("SOAP describeSObject")
        .hasMessageContaining("failed 5 times");
    assertThat(waits).hasSize(4);
  }

  @Test
  void pagesThatAreAlwaysCutOffEndInAMalformedResponseNamingTheEndpoint() {
    SalesforceClient c =
        org.client(
            SimOrg.options()
                .restBatchSize(200)
                .bulkMaxRecords(300)
                .retryPolicy(new RetryPolicy(4, Duration.ZERO, Duration.ZERO))
                .build());
    org.sim.faults().enable(FaultPlan.none().withSeed(2).withTruncation(1.0));
    assertThatThrownBy(
            () ->
                c.extract(ExtractionRequest.of(contact).method(ExtractionMethod.REST).build())
                    .forEachRemaining(r -> {}))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("GET /services/data/v65.0/query")
        .hasMessageContaining("4 times");
  }

  @Test
  void stalledBodiesAreAbandonedAfterTheReadTimeoutAndFetchedAgain() throws Exception {
    SalesforceClient c =
        org.client(
            SimOrg.options()
                .restBatchSize(200)
                .bulkMaxRecords(300)
                .bodyReadTimeout(Duration.ofMillis(150))
                .build());
    SObjectDescription cv = c.describe("ContentVersion");
    List<String> files = new ArrayList<>();
    try (Extraction e = c.extract(ExtractionRequest.of(cv).method(ExtractionMethod.REST).build())) {
      e.forEachRemaining(r -> files.add(r.id()));
    }
    long injected = org.sim.faults().injected();
    // Each stalled body would hang for 2 s; the client gives up on it after 150 ms.
    org.sim
        .faults()
        .enable(FaultPlan.none().withSeed(9).withStalls(0.3, 100, Duration.ofSeconds(2)));
    List<String> ids = new ArrayList<>();
    try (Extraction e =
        c.extract(ExtractionRequest.of(contact).method(ExtractionMethod.REST).build())) {
      e.forEachRemaining(r -> ids.add(r.id()));
    }
    try (Extraction e =
        c.extract(ExtractionRequest.of(contact).method(ExtractionMethod.BULK).build())) {
      e.forEachRemaining(r -> ids.add(r.id()));
    }
    for (String id : files.subList(0, 10)) {
      byte[] body = c.readBlob("ContentVersion", id, "VersionData", InputStream::readAllBytes);
      assertThat(body).isEqualTo(org.sim.org().blob("ContentVersion", id, "VersionData"));
    }
    org.sim.faults().disable();
    assertThat(org.sim.faults().injected() - injected).as("stalls injected").isGreaterThan(3);
    assertThat(new TreeSet<>(ids.subList(0, 2000))).isEqualTo(org.ids("Contact", false));
    assertThat(new TreeSet<>(ids.subList(2000, ids.size()))).isEqualTo(org.ids("Contact", false));
    assertThat(ids).hasSize(4000);
  }

  @Test
  void aBodyThatAlwaysStallsGivesUpWithTheStallAsTheCause() {
    SalesforceClient c =
        org.client(
            SimOrg.options()
                .restBatchSize(200)
                .bodyReadTimeout(Duration.ofMillis(100))
                .retryPolicy(new RetryPolicy(3, Duration.ZERO, Duration.ZERO))
                .build());
    org.sim
        .faults()
        .enable(FaultPlan.none().withSeed(2).withStalls(1.0, 100, Duration.ofSeconds(2)));
    assertThatThrownBy(
            () ->
                c.extract(ExtractionRequest.of(contact).method(ExtractionMethod.REST).build())
                    .forEachRemaining(r -> {}))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("GET /services/data/v65.0/query")
        .hasMessageContaining("3 times")
        .hasMessageContaining("sent nothing for 100 ms")
        .hasRootCauseInstanceOf(StalledResponseException.class);
  }

  @Test
  void theBodyReadTimeoutMustBePositive() {
    assertThatThrownBy(() -> ClientOptions.builder().bodyReadTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ClientOptions.defaults().bodyReadTimeout()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void soapCallsFromSeveralThreadsAtOnceEachGetTheirOwnAnswer() throws Exception {
    org.sim.faults().enable(FaultPlan.none().withSeed(12).withServerErrors(0.2));
    List<String> objects = List.of("Contact", "Account", "Opportunity", "Case", "Task", "User");
    java.util.Map<String, Integer> sequential = new java.util.TreeMap<>();
    for (String o : objects) {
      sequential.put(o, client.describe(o).fields().size());
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.Map<String, java.util.concurrent.Future<Integer>> parallel =
          new java.util.TreeMap<>();
      for (int round = 0; round < 3; round++) {
        for (String o : objects) {
          parallel.put(o + round, pool.submit(() -> client.describe(o).fields().size()));
        }
      }
      for (java.util.Map.Entry<String, java.util.concurrent.Future<Integer>> e :
          parallel.entrySet()) {
        String object = e.getKey().substring(0, e.getKey().length() - 1);
        assertThat(e.getValue().get()).as(object).isEqualTo(sequential.get(object));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
