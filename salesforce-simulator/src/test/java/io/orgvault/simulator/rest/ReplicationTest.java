package io.orgvault.simulator.rest;

import static io.orgvault.simulator.rest.RestClient.V;
import static io.orgvault.simulator.rest.RestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.DayReport;
import io.orgvault.simulator.org.ObjectTable;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicationTest {
  private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

  private Simulator sim;
  private RestClient rest;

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.builder().contacts(500).port(0).clockStart(START).start();
    rest = RestClient.integrationUser(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void updatedListsEveryRecordChangedDuringASimulatedDay() {
    DayReport day = sim.simulateDay(DayRates.typical());
    assertThat(day.updated()).isPositive();
    Instant now = sim.org().clock().now();

    HttpResponse<String> r =
        rest.get(window("Contact", "updated", "2026-01-05T08:00:00+00:00", iso(now)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Sforce-Limit-Info")).isPresent();
    JsonNode body = json(r);
    assertThat(body.get("latestDateCovered").asText()).isEqualTo(minute(now));
    assertThat(now).isAfter(Instant.parse("2026-01-06T07:00:00Z"));

    ObjectTable contacts = sim.org().table("Contact");
    Set<String> expected = new HashSet<>();
    for (int row = 0; row < contacts.size(); row++) {
      if (contacts.isLive(row) && contacts.systemModstamp(row) >= START.toEpochMilli()) {
        expected.add(contacts.id(row));
      }
    }
    assertThat(expected).isNotEmpty();
    Set<String> ids = new HashSet<>();
    body.get("ids").forEach(id -> assertThat(ids.add(id.asText())).isTrue());
    assertThat(ids).isEqualTo(expected);

    // Generated records were last modified before the clock started; some within this window.
    JsonNode before =
        json(
            rest.get(window("Contact", "updated", "2026-01-04T08:00:00Z", "2026-01-05T08:00:00Z")));
    Set<String> generated = new HashSet<>();
    long from = Instant.parse("2026-01-04T08:00:00Z").toEpochMilli();
    for (int row = 0; row < contacts.size(); row++) {
      long stamp = contacts.systemModstamp(row);
      if (contacts.isLive(row) && stamp >= from && stamp < START.toEpochMilli()) {
        generated.add(contacts.id(row));
      }
    }
    Set<String> beforeIds = new HashSet<>();
    before.get("ids").forEach(id -> beforeIds.add(id.asText()));
    assertThat(beforeIds).isEqualTo(generated).doesNotContainAnyElementsOf(ids);
    assertThat(before.get("latestDateCovered").asText()).isEqualTo("2026-01-05T08:00:00.000+0000");
  }

  @Test
  void deletedListsRecycledRecordsWithTheirDeletionDates() {
    sim.simulateDay(DayRates.typical());
    ObjectTable contacts = sim.org().table("Contact");
    int row = firstLive(contacts);
    String id = contacts.id(row);
    assertThat(rest.send("DELETE", V + "/sobjects/Contact/" + id, null).statusCode())
        .isEqualTo(204);
    Instant deletedAt = Instant.ofEpochMilli(contacts.deletedDate(row));
    sim.org().clock().advance(Duration.ofMinutes(5));
    Instant now = sim.org().clock().now();

    JsonNode body = json(rest.get(window("Contact", "deleted", "2026-01-05T08:00:00Z", iso(now))));
    Set<String> expected = new HashSet<>();
    for (int r = 0; r < contacts.size(); r++) {
      if (contacts.isRecycled(r)) {
        expected.add(contacts.id(r));
      }
    }
    Set<String> ids = new HashSet<>();
    JsonNode mine = null;
    for (JsonNode d : body.get("deletedRecords")) {
      assertThat(ids.add(d.get("id").asText())).isTrue();
      assertThat(d.get("deletedDate").asText())
          .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
      if (d.get("id").asText().equals(id)) {
        mine = d;
      }
    }
    assertThat(ids).isEqualTo(expected).hasSizeGreaterThan(1);
    assertThat(mine.toString())
        .isEqualTo(
            "{\"id\":\""
                + id
                + "\",\"deletedDate\":\""
                + io.orgvault.simulator.org.FieldValues.restDateTime(deletedAt)
                + "\"}");
    assertThat(body.get("earliestDateAvailable").asText())
        .isEqualTo(minute(now.minus(Duration.ofDays(15))));
    assertThat(body.get("latestDateCovered").asText()).isEqualTo(minute(now));

    JsonNode updated =
        json(rest.get(window("Contact", "updated", "2026-01-05T08:00:00Z", iso(now))));
    updated.get("ids").forEach(u -> assertThat(u.asText()).isNotEqualTo(id));
  }

  @Test
  void secondsAreIgnoredAndTheWindowEndsAtNow() {
    ObjectTable accounts = sim.org().table("Account");
    String id =
        json(rest.send("POST", V + "/sobjects/Account", "{\"Name\":\"Window\"}"))
            .get("id")
            .asText();
    // Written at 08:00:00.00x: a window ending at 08:00:59 ends at 08:00 and misses it.
    JsonNode early =
        json(
            rest.get(window("Account", "updated", "2026-01-05T07:59:00Z", "2026-01-05T08:00:59Z")));
    assertThat(early.get("ids").size()).isZero();
    assertThat(early.get("latestDateCovered").asText()).isEqualTo("2026-01-05T08:00:00.000+0000");

    JsonNode future =
        json(
            rest.get(window("Account", "updated", "2026-01-05T07:59:00Z", "2026-01-09T00:00:00Z")));
    assertThat(future.get("latestDateCovered").asText()).isEqualTo("2026-01-05T08:00:00.000+0000");
    assertThat(future.get("ids").size()).isZero();

    sim.org().clock().advance(Duration.ofMinutes(2));
    JsonNode later =
        json(
            rest.get(window("Account", "updated", "2026-01-05T08:00:30Z", "2026-01-09T00:00:00Z")));
    assertThat(later.get("ids").toString()).isEqualTo("[\"" + id + "\"]");
    assertThat(later.get("latestDateCovered").asText()).isEqualTo("2026-01-05T08:02:00.000+0000");
    assertThat(accounts.rowOf(id)).isNotNegative();
  }

  @Test
  void aPurgeInsideTheWindowMeansTheClientMustResync() {
    ObjectTable contacts = sim.org().table("Contact");
    String id = contacts.id(firstLive(contacts));
    rest.send("DELETE", V + "/sobjects/Contact/" + id, null);
    assertThat(sim.org().purge(id).success()).isTrue();
    sim.org().clock().advance(Duration.ofMinutes(3));

    HttpResponse<String> r =
        rest.get(window("Contact", "deleted", "2026-01-05T07:00:00Z", "2026-01-05T08:03:00Z"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("INVALID_REPLICATION_DATE");

    JsonNode after =
        json(
            rest.get(window("Contact", "deleted", "2026-01-05T08:01:00Z", "2026-01-05T08:03:00Z")));
    assertThat(after.get("deletedRecords").size()).isZero();
    assertThat(after.get("earliestDateAvailable").asText())
        .isEqualTo("2026-01-05T08:00:00.000+0000");
  }

  @Test
  void badWindowsAndObjectsAreRefused() {
    assertError(
        window("Contact", "updated", "2026-01-05T08:00:00Z", "2026-01-05T07:00:00Z"),
        "INVALID_REPLICATION_DATE");
    assertError(
        window("Contact", "updated", "2026-01-05T08:00:10Z", "2026-01-05T08:00:50Z"),
        "INVALID_REPLICATION_DATE");
    assertError(
        window("Contact", "deleted", "2025-12-05T07:00:00Z", "2026-01-05T07:00:00Z"),
        "INVALID_REPLICATION_DATE");
    assertError(
        window("Contact", "updated", "yesterday", "2026-01-05T07:00:00Z"),
        "INVALID_REPLICATION_DATE");
    assertError(
        V + "/sobjects/Contact/updated/?start=2026-01-05T07%3A00%3A00Z", "MISSING_ARGUMENT");
    HttpResponse<String> r =
        rest.get(
            window(
                "ContentDocumentLink", "updated", "2026-01-05T07:00:00Z", "2026-01-05T08:00:00Z"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");

    JsonNode ok =
        json(
            rest.get(window("contact", "updated", "2025-12-07T08:00:00Z", "2026-01-05T07:00:00Z")));
    assertThat(ok.get("ids").isArray()).isTrue();
  }

  private void assertError(String url, String code) {
    HttpResponse<String> r = rest.get(url);
    assertThat(r.statusCode()).as(url).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).as(url).isEqualTo(code);
  }

  private static String window(String object, String kind, String start, String end) {
    return V
        + "/sobjects/"
        + object
        + "/"
        + kind
        + "/?start="
        + URLEncoder.encode(start, StandardCharsets.UTF_8)
        + "&end="
        + URLEncoder.encode(end, StandardCharsets.UTF_8);
  }

  private static String minute(Instant i) {
    return io.orgvault.simulator.org.FieldValues.restDateTime(
        i.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
  }

  private static String iso(Instant i) {
    return i.toString();
  }

  private static int firstLive(ObjectTable t) {
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r)) {
        return r;
      }
    }
    throw new AssertionError("no live row");
  }
}
