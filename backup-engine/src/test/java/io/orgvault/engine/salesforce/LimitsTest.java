package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.simulator.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * API limits: the org's allowance spent mid-run and the run's own budget both stop the run cleanly
 * with a checkpoint, and a later run resumes from it without losing or repeating a record.
 */
class LimitsTest {
  private SimOrg org;

  @BeforeEach
  void start() throws Exception {
    org = new SimOrg(Simulator.builder().contacts(2000).port(0).dailyApiLimit(10_000));
  }

  @AfterEach
  void stop() {
    org.close();
  }

  private ClientOptions.Builder options() {
    return SimOrg.options().restBatchSize(200).bulkMaxRecords(300);
  }

  @Test
  void usageIsReadFromEveryResponse() {
    SalesforceClient client = org.client(options().build());
    client.count("Contact");
    LimitInfo usage = client.budget().lastUsage().orElseThrow();
    assertThat(usage.max()).isEqualTo(10_000);
    assertThat(usage.used()).isEqualTo(org.sim.limits().used());
    assertThat(client.budget().maxCalls()).hasValue(1_000); // 10% by default
    assertThat(LimitInfo.parseHeader("api-usage=25/15000, per-app-api-usage=2/250(appName=x)"))
        .contains(new LimitInfo(25, 15_000));
  }

  @Test
  void theOrgsAllowanceSpentMidRunStopsTheRunAndALaterRunResumes() {
    for (ExtractionMethod method : List.of(ExtractionMethod.REST, ExtractionMethod.BULK)) {
      org.sim.limits().resetDay();
      SalesforceClient client = org.client(options().build());
      ExtractionRequest request =
          ExtractionRequest.of(client.describe("Contact")).method(method).build();
      List<String> ids = new ArrayList<>();
      ApiLimitExceededException stop = null;
      long callsBefore = 0;
      try (Extraction e = client.extract(request)) {
        while (e.hasNext()) {
          ids.add(e.next().id());
          if (ids.size() == 500) {
            org.sim.limits().exhaust();
            callsBefore = client.budget().callsMade();
          }
        }
      } catch (ApiLimitExceededException ex) {
        stop = ex;
      }
      assertThat(stop).as(method.name()).isNotNull();
      assertThat(stop).hasMessageContaining("REQUEST_LIMIT_EXCEEDED");
      assertThat(client.budget().callsMade() - callsBefore).as("not retried").isEqualTo(1);
      ExtractionCheckpoint cp = stop.checkpoint().orElseThrow();
      assertThat(cp.method()).isEqualTo(method);
      // The page or result set already under way was delivered to its end; the stop came when
      // the next one was asked for.
      assertThat(cp.delivered()).isEqualTo(ids.size()).isEqualTo(600);
      if (method == ExtractionMethod.BULK) {
        assertThat(cp.bulkLocator()).isNotNull();
        assertThat(cp.skipInResultSet()).isZero();
      } else {
        assertThat(cp.lastId()).isEqualTo(ids.get(ids.size() - 1));
      }
      org.sim.limits().resetDay(); // a new day: the allowance is back
      SalesforceClient nextRun = org.client(options().build());
      List<String> rest = new ArrayList<>();
      try (Extraction resumed = nextRun.resume(request, cp)) {
        resumed.forEachRemaining(r -> rest.add(r.id()));
        assertThat(resumed.delivered()).isEqualTo(2000);
      }
      ids.addAll(rest);
      Set<String> all = new TreeSet<>(ids);
      assertThat(all).as(method + ": no record twice").hasSameSizeAs(ids);
      assertThat(all).as(method + ": none lost").isEqualTo(org.ids("Contact", false));
    }
  }

  @Test
  void theRunsOwnBudgetStopsItBeforeTheOrgsAllowanceAndTheNextRunResumes() {
    // 0.1% of 10,000 = 10 calls a run; 2000 records at 200 a page take more than that.
    ClientOptions small = options().budgetFraction(0.001).build();
    SalesforceClient client = org.client(small);
    ExtractionRequest request =
        ExtractionRequest.of(client.describe("Contact")).method(ExtractionMethod.REST).build();
    List<String> ids = new ArrayList<>();
    long usedBefore = org.sim.limits().used();
    ApiBudgetExhaustedException stop = null;
    try (Extraction e = client.extract(request)) {
      e.forEachRemaining(r -> ids.add(r.id()));
    } catch (ApiBudgetExhaustedException ex) {
      stop = ex;
    }
    assertThat(stop).isNotNull();
    assertThat(stop.maxCalls()).isEqualTo(10);
    assertThat(stop.callsMade()).isEqualTo(10);
    assertThat(stop).hasMessageContaining("API budget").hasMessageContaining("10 calls");
    assertThat(org.sim.limits().used() - usedBefore)
        .as("no call beyond the budget reached Salesforce")
        .isLessThanOrEqualTo(10);
    ExtractionCheckpoint cp = stop.checkpoint().orElseThrow();
    assertThat(cp.delivered()).isEqualTo(ids.size());

    // Later runs, each with a fresh budget, continue until done.
    while (ids.size() < 2000) {
      SalesforceClient run = org.client(small);
      try (Extraction e = run.resume(request, cp)) {
        e.forEachRemaining(r -> ids.add(r.id()));
      } catch (ApiBudgetExhaustedException ex) {
        cp = ex.checkpoint().orElseThrow();
      }
    }
    Set<String> all = new TreeSet<>(ids);
    assertThat(all).hasSameSizeAs(ids).isEqualTo(org.ids("Contact", false));
  }

  @Test
  void aSpentAllowanceStopsSoapCallsToo() {
    SalesforceClient client = org.client(options().build());
    org.sim.limits().exhaust();
    assertThatThrownBy(() -> client.describe("Contact"))
        .isInstanceOf(ApiLimitExceededException.class)
        .hasMessageContaining("SOAP describeSObject")
        .satisfies(e -> assertThat(((ApiLimitExceededException) e).checkpoint()).isEmpty());
    assertThatThrownBy(() -> client.count("Contact")).isInstanceOf(ApiLimitExceededException.class);
  }

  @Test
  void aCheckpointTakenAnywhereResumesExactlyThere() {
    for (ExtractionMethod method : List.of(ExtractionMethod.REST, ExtractionMethod.BULK)) {
      SalesforceClient client = org.client(options().build());
      ExtractionRequest request =
          ExtractionRequest.of(client.describe("Contact")).method(method).build();
      List<String> ids = new ArrayList<>();
      ExtractionCheckpoint cp;
      try (Extraction e = client.extract(request)) {
        while (ids.size() < 450) {
          ids.add(e.next().id());
        }
        cp = e.checkpoint(); // e.g. persisted before the process died
      }
      if (method == ExtractionMethod.BULK) {
        assertThat(cp.skipInResultSet()).isEqualTo(150); // 450 = 300 + 150 of the second set
      }
      try (Extraction e = org.client(options().build()).resume(request, cp)) {
        e.forEachRemaining(r -> ids.add(r.id()));
      }
      Set<String> all = new TreeSet<>(ids);
      assertThat(all).as(method.name()).hasSameSizeAs(ids).isEqualTo(org.ids("Contact", false));
    }
  }

  @Test
  void aCheckpointWhoseBulkJobIsGoneSaysSo() {
    SalesforceClient client = org.client(options().build());
    ExtractionRequest request =
        ExtractionRequest.of(client.describe("Contact")).method(ExtractionMethod.BULK).build();
    ExtractionCheckpoint cp;
    try (Extraction e = client.extract(request)) {
      e.next();
      cp = e.checkpoint();
    }
    ExtractionCheckpoint gone =
        new ExtractionCheckpoint(
            cp.objectName(),
            cp.querySignature(),
            cp.method(),
            cp.apiVersion(),
            "750000000000000AAA",
            cp.bulkLocator(),
            cp.skipInResultSet(),
            null,
            cp.delivered());
    assertThatThrownBy(() -> client.resume(request, gone))
        .isInstanceOf(CheckpointExpiredException.class)
        .hasMessageContaining("750000000000000AAA")
        .hasMessageContaining("again from the start");
  }

  @Test
  void aCheckpointIsOnlyAppliedToTheQueryItCameFrom() {
    SalesforceClient client = org.client(options().build());
    SObjectDescription contact = client.describe("Contact");
    Extraction e =
        client.extract(ExtractionRequest.of(contact).method(ExtractionMethod.REST).build());
    e.next();
    ExtractionCheckpoint cp = e.checkpoint();
    e.close();
    ExtractionRequest other =
        ExtractionRequest.of(contact)
            .fields(List.of("LastName"))
            .method(ExtractionMethod.REST)
            .build();
    assertThatThrownBy(() -> client.resume(other, cp)).isInstanceOf(IllegalArgumentException.class);
  }
}
