package io.orgvault.simulator.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sforce.soap.partner.DeletedRecord;
import com.sforce.soap.partner.GetDeletedResult;
import com.sforce.soap.partner.GetUpdatedResult;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.UnexpectedErrorFault;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** getUpdated and getDeleted through force-wsc, checked against the org's own rows. */
class SoapReplicationTest {
  private Simulator sim;
  private PartnerConnection conn;

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.builder().contacts(5000).start();
    conn = PartnerClients.connect(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void getUpdatedAndGetDeletedReportOneSimulatedDay() throws Exception {
    Instant start = sim.org().clock().now();
    sim.simulateDay(DayRates.typical());
    Instant end = sim.org().clock().now();

    GetUpdatedResult updated = conn.getUpdated("Contact", calendar(start), calendar(end));
    GetDeletedResult deleted = conn.getDeleted("Contact", calendar(start), calendar(end));

    Instant from = start.truncatedTo(ChronoUnit.MINUTES);
    Instant to = end.truncatedTo(ChronoUnit.MINUTES);
    ObjectTable contacts = sim.org().table("Contact");
    List<String> expectUpdated = new ArrayList<>();
    List<String> expectDeleted = new ArrayList<>();
    for (int r = 0; r < contacts.size(); r++) {
      if (contacts.isLive(r) && within(contacts.systemModstamp(r), from, to)) {
        expectUpdated.add(contacts.id(r));
      }
      if (contacts.isRecycled(r) && within(contacts.deletedDate(r), from, to)) {
        expectDeleted.add(contacts.id(r));
      }
    }
    assertThat(expectUpdated).hasSizeGreaterThan(50);
    assertThat(expectDeleted).isNotEmpty();
    assertThat(updated.getIds())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expectUpdated);
    assertThat(updated.getLatestDateCovered().toInstant()).isEqualTo(to);

    Map<String, Instant> deletedDates =
        Arrays.stream(deleted.getDeletedRecords())
            .collect(Collectors.toMap(DeletedRecord::getId, d -> d.getDeletedDate().toInstant()));
    assertThat(deletedDates.keySet()).containsExactlyInAnyOrderElementsOf(expectDeleted);
    deletedDates.forEach(
        (id, when) ->
            assertThat(when.toEpochMilli()).isEqualTo(contacts.deletedDate(contacts.rowOf(id))));
    assertThat(deleted.getLatestDateCovered().toInstant()).isEqualTo(to);
    // Nothing purged yet: the recycle bin's 15-day retention is the limit, as on REST.
    assertThat(deleted.getEarliestDateAvailable().toInstant())
        .isEqualTo(sim.org().clock().now().minus(java.time.Duration.ofDays(Org.RECYCLE_BIN_DAYS)));
  }

  @Test
  void aRecordChangedThroughTheApiShowsUpOnceTheMinuteHasPassed() throws Exception {
    Instant start = sim.org().clock().now().minus(Duration.ofMinutes(5));
    String id = sim.org().table("Contact").id(7);
    com.sforce.soap.partner.sobject.SObject c =
        new com.sforce.soap.partner.sobject.SObject("Contact");
    c.setId(id);
    c.setField("Title", "Replicated");
    assertThat(conn.update(new com.sforce.soap.partner.sobject.SObject[] {c})[0].isSuccess())
        .isTrue();
    assertThat(conn.delete(new String[] {sim.org().table("Contact").id(8)})[0].isSuccess())
        .isTrue();

    // The org's clock stands still in tests: the current minute is not covered yet.
    Instant farEnd = start.plus(Duration.ofHours(1));
    GetUpdatedResult now = conn.getUpdated("Contact", calendar(start), calendar(farEnd));
    assertThat(now.getIds()).doesNotContain(id);
    assertThat(now.getLatestDateCovered().toInstant())
        .isEqualTo(sim.org().clock().now().truncatedTo(ChronoUnit.MINUTES));

    sim.org().clock().advance(Duration.ofMinutes(2));
    assertThat(conn.getUpdated("Contact", calendar(start), calendar(farEnd)).getIds())
        .containsExactly(id);
    assertThat(conn.getDeleted("Contact", calendar(start), calendar(farEnd)).getDeletedRecords())
        .extracting(DeletedRecord::getId)
        .containsExactly(sim.org().table("Contact").id(8));
  }

  @Test
  void earliestDateAvailableMovesWhenTheRecycleBinIsEmptied() throws Exception {
    Instant first = sim.org().clock().now();
    for (int day = 0; day < 17; day++) {
      sim.simulateDay(new DayRates(0, 0.002, 0, 0, 0));
    }
    Instant now = sim.org().clock().now();

    GetDeletedResult r =
        conn.getDeleted("Contact", calendar(now.minus(Duration.ofDays(3))), calendar(now));

    assertThat(r.getEarliestDateAvailable().toInstant()).isAfter(first);
    assertThat(r.getDeletedRecords()).isNotEmpty();
  }

  @Test
  void datesOutsideTheRulesAreInvalidReplicationDate() {
    Instant now = sim.org().clock().now();
    assertReplicationDateFault(now, now.minus(Duration.ofHours(1)));
    assertReplicationDateFault(now.plusSeconds(5), now.plusSeconds(20)); // same minute
    assertReplicationDateFault(now.minus(Duration.ofDays(31)), now);
  }

  private void assertReplicationDateFault(Instant start, Instant end) {
    assertThatThrownBy(() -> conn.getUpdated("Account", calendar(start), calendar(end)))
        .isInstanceOfSatisfying(
            UnexpectedErrorFault.class,
            f ->
                assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_REPLICATION_DATE));
    assertThatThrownBy(() -> conn.getDeleted("Account", calendar(start), calendar(end)))
        .isInstanceOfSatisfying(
            UnexpectedErrorFault.class,
            f ->
                assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_REPLICATION_DATE));
  }

  private static boolean within(long millis, Instant from, Instant to) {
    return millis >= from.toEpochMilli() && millis < to.toEpochMilli();
  }

  private static Calendar calendar(Instant i) {
    GregorianCalendar c = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    c.setTimeInMillis(i.toEpochMilli());
    return c;
  }
}
