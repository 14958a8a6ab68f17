package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.engine.store.RecordVersion;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.ObjectTable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** getUpdated and getDeleted over SOAP (force-wsc) after a simulated day of activity. */
class ReplicationTest {
  private static SimOrg org;
  private static SalesforceClient client;
  private static Instant start;
  private static Instant end;

  @BeforeAll
  static void start() throws Exception {
    org = SimOrg.start(1500);
    client = org.client();
    start = client.serverTimestamp();
    org.sim.simulateDay(DayRates.typical());
    end = client.serverTimestamp().plus(1, ChronoUnit.MINUTES);
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @Test
  void getUpdatedListsTheRecordsChangedInTheWindow() {
    for (String object : new String[] {"Contact", "Account", "Opportunity"}) {
      UpdatedRecords r = client.getUpdated(object, start, end);
      assertThat(r.latestDateCovered()).isAfter(start);
      long from = start.truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
      long to = r.latestDateCovered().toEpochMilli();
      ObjectTable t = org.sim.org().table(object);
      Set<String> expected = new TreeSet<>();
      for (int row = 0; row < t.size(); row++) {
        if (t.isLive(row) && t.systemModstamp(row) >= from && t.systemModstamp(row) < to) {
          expected.add(t.id(row));
        }
      }
      assertThat(expected).as(object).isNotEmpty();
      assertThat(new TreeSet<>(r.ids())).as(object).isEqualTo(expected);
      assertThat(r.ids()).doesNotHaveDuplicates();
    }
  }

  @Test
  void getDeletedListsTheDeletionsWithTheirDates() {
    DeletedRecords r = client.getDeleted("Contact", start, end);
    long from = start.truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
    long to = r.latestDateCovered().toEpochMilli();
    ObjectTable t = org.sim.org().table("Contact");
    Set<String> expected = new TreeSet<>();
    for (int row = 0; row < t.size(); row++) {
      if (t.isRecycled(row) && t.deletedDate(row) >= from && t.deletedDate(row) < to) {
        expected.add(t.id(row));
      }
    }
    assertThat(expected).isNotEmpty();
    assertThat(r.deletions().stream().map(Deletion::id).collect(Collectors.toSet()))
        .isEqualTo(expected);
    assertThat(r.earliestDateAvailable()).isNotNull();
    for (Deletion d : r.deletions()) {
      assertThat(d.deletedDate().toEpochMilli()).isEqualTo(t.deletedDate(t.rowOf(d.id())));
      RecordVersion tombstone = d.toTombstone("Contact");
      assertThat(tombstone.isTombstone()).isTrue();
      assertThat(tombstone.systemModstamp()).isEqualTo(d.deletedDate().toEpochMilli());
    }
  }

  @Test
  void anObjectThatIsNotReplicateableIsATypedError() {
    assertThatThrownBy(() -> client.getUpdated("ContentDocumentLink", start, end))
        .isInstanceOfSatisfying(
            SalesforceApiException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_TYPE"));
  }

  @Test
  void aWindowTooFarBackIsATypedError() {
    assertThatThrownBy(() -> client.getUpdated("Contact", start.minus(40, ChronoUnit.DAYS), start))
        .isInstanceOfSatisfying(
            SalesforceApiException.class,
            e -> assertThat(e.errorCode()).isEqualTo("INVALID_REPLICATION_DATE"));
  }
}
