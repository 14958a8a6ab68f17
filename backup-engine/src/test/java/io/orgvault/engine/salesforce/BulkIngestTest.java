package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.ValidationRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk API 2.0 ingest against the simulator, whose results (like Salesforce's) are not in input
 * order: every row gets its own outcome back in input order, validation failures included, and
 * identical rows each get one of their results.
 */
class BulkIngestTest {
  private static SimOrg org;
  private static SalesforceClient client;
  private static ValidationRule rule;

  @BeforeAll
  static void start() throws Exception {
    org = SimOrg.start(200);
    client = org.client();
    rule =
        org.sim
            .org()
            .addValidationRule(
                "Contact",
                "No_Rejected",
                r -> "Rejected".equals(r.get("Title")),
                "Title may not be Rejected",
                "Title");
  }

  @AfterAll
  static void stop() {
    org.sim.org().removeValidationRule(rule);
    org.close();
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  private static Object value(String id, String field) {
    Org.RowRef ref = org.sim.org().find(id);
    assertThat(ref).as(id).isNotNull();
    return ref.table().value(ref.row(), field);
  }

  @Test
  void insertGivesEachRowItsOwnOutcomeWithValidationFailures() {
    List<List<Object>> rows =
        List.of(
            row("Bulk-A", "Fine", LocalDate.of(2001, 2, 3)),
            row("Bulk-B", "Rejected", null),
            row("Bulk-C", "Comma, \"quoted\"\nline", null),
            row("Bulk-D", "Rejected", LocalDate.of(2002, 1, 1)));
    long calls = client.budget().callsMade();

    BulkIngestResult r =
        client.bulkIngest(
            "Contact",
            IngestOperation.INSERT,
            null,
            List.of("LastName", "Title", "Birthdate"),
            rows.iterator());

    assertThat(r.jobId()).startsWith("750");
    assertThat(r.apiCalls())
        .isEqualTo(client.budget().callsMade() - calls)
        .isGreaterThanOrEqualTo(7);
    List<SaveResult> results = r.results();
    assertThat(results).hasSize(4);
    assertThat(results.get(0).success()).isTrue();
    assertThat(results.get(0).created()).isTrue();
    assertThat(value(results.get(0).id(), "LastName")).isEqualTo("Bulk-A");
    assertThat(value(results.get(0).id(), "Birthdate")).isEqualTo(LocalDate.of(2001, 2, 3));
    assertThat(results.get(1).success()).isFalse();
    assertThat(results.get(1).errors())
        .containsExactly(
            new SaveError(
                "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Title may not be Rejected",
                List.of("Title")));
    assertThat(value(results.get(2).id(), "Title")).isEqualTo("Comma, \"quoted\"\nline");
    assertThat(results.get(3).success()).isFalse();
  }

  @Test
  void identicalRowsEachGetOneResultAndRowsThatDifferNeverShare() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(row("Twin", "Same"));
      rows.add(row("Twin", "Rejected"));
    }
    BulkIngestResult r =
        client.bulkIngest(
            "Contact", IngestOperation.INSERT, null, List.of("LastName", "Title"), rows.iterator());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      SaveResult s = r.results().get(i);
      if (i % 2 == 0) {
        assertThat(s.success()).as("row " + i).isTrue();
        assertThat(value(s.id(), "Title")).isEqualTo("Same");
        ids.add(s.id());
      } else {
        assertThat(s.success()).as("row " + i).isFalse();
        assertThat(s.errors().get(0).statusCode()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
      }
    }
    assertThat(ids).as("three records, one per row").hasSize(3);
  }

  @Test
  void updateByIdBlanksNullsAndReportsFailuresOnTheirRows() {
    ObjectTable contacts = org.sim.org().table("Contact");
    String a = contacts.id(10);
    String b = contacts.id(11);
    String c = contacts.id(12);
    BulkIngestResult r =
        client.bulkIngest(
            "Contact",
            IngestOperation.UPDATE,
            null,
            List.of("Id", "Title", "MailingCity"),
            List.of(row(a, "T-a", null), row(b, "Rejected", "X"), row(c, "T-c", "Paris"))
                .iterator());
    assertThat(r.results().get(0)).isEqualTo(new SaveResult(a, true, false, List.of()));
    assertThat(value(a, "MailingCity")).isNull();
    assertThat(r.results().get(1).success()).isFalse();
    assertThat(r.results().get(1).id()).isEqualTo(b);
    assertThat(value(b, "Title")).isNotEqualTo("Rejected");
    assertThat(r.results().get(2).id()).isEqualTo(c);
    assertThat(value(c, "MailingCity")).isEqualTo("Paris");
  }

  @Test
  void upsertByExternalIdTellsCreatedFromUpdated() {
    String existing = (String) org.sim.org().table("Account").value(0, "AccountNumber");
    BulkIngestResult r =
        client.bulkIngest(
            "Account",
            IngestOperation.UPSERT,
            "AccountNumber",
            List.of("AccountNumber", "Name"),
            List.of(row("BULK-NEW-1", "New One"), row(existing, "Renamed")).iterator());
    assertThat(r.results().get(0).created()).isTrue();
    assertThat(value(r.results().get(0).id(), "Name")).isEqualTo("New One");
    assertThat(r.results().get(1).created()).isFalse();
    assertThat(r.results().get(1).id()).isEqualTo(org.sim.org().table("Account").id(0));
  }

  @Test
  void tenThousandRowsComeBackMatchedThoughSalesforceReordersThem() {
    int n = 10_500; // two of Salesforce's internal batches, listed last batch first
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(row("Many-" + i, i % 1000 == 7 ? "Rejected" : "T" + (i % 3)));
    }
    BulkIngestResult r =
        client.bulkIngest(
            "Contact", IngestOperation.INSERT, null, List.of("LastName", "Title"), rows.iterator());
    assertThat(r.results()).hasSize(n);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      SaveResult s = r.results().get(i);
      if (i % 1000 == 7) {
        assertThat(s.success()).as("row " + i).isFalse();
      } else {
        assertThat(s.success()).as("row " + i).isTrue();
        assertThat(value(s.id(), "LastName")).isEqualTo("Many-" + i);
        ids.add(s.id());
      }
    }
    assertThat(ids).hasSize(n - 11);
  }

  @Test
  void aBadRowAbortsTheJobAndWritesNothing() {
    int before = org.sim.org().table("Contact").size();
    List<List<Object>> rows = List.of(row("Ok-1", "x"), row("Short"));
    assertThatThrownBy(
            () ->
                client.bulkIngest(
                    "Contact",
                    IngestOperation.INSERT,
                    null,
                    List.of("LastName", "Title"),
                    rows.iterator()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 2");
    List<List<Object>> typed = List.of(row("Ok-2", new StringBuilder("not a value")));
    assertThatThrownBy(
            () ->
                client.bulkIngest(
                    "Contact",
                    IngestOperation.INSERT,
                    null,
                    List.of("LastName", "Title"),
                    typed.iterator()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Title");
    assertThat(org.sim.org().table("Contact").size()).isEqualTo(before);
  }

  @Test
  void badArgumentsAreRefusedBeforeAnyCall() {
    long calls = client.budget().callsMade();
    assertThatThrownBy(
            () ->
                client.bulkIngest(
                    "Contact",
                    IngestOperation.UPDATE,
                    null,
                    List.of("Title"),
                    List.<List<Object>>of().iterator()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                client.bulkIngest(
                    "Contact",
                    IngestOperation.INSERT,
                    null,
                    List.of("LastName", "lastname"),
                    List.<List<Object>>of().iterator()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                client.bulkIngest(
                    "Account",
                    IngestOperation.UPSERT,
                    null,
                    List.of("Name"),
                    List.<List<Object>>of().iterator()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                client.bulkIngest(
                    "Contact",
                    IngestOperation.INSERT,
                    null,
                    List.of("Last Name"),
                    List.<List<Object>>of().iterator()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(client.budget().callsMade()).isEqualTo(calls);
  }

  @Test
  void aFailedJobIsTypedAndCarriesEachRowsOutcome() {
    BulkIngestFailedException e =
        catchThrowableOfType(
            () ->
                client.bulkIngest(
                    "Contact",
                    IngestOperation.INSERT,
                    null,
                    List.of("LastName", "Shoe_Size__c"),
                    List.of(row("F1", "42"), row("F2", "43")).iterator()),
            BulkIngestFailedException.class);
    assertThat(e).isNotNull();
    assertThat(e.state()).isEqualTo("Failed");
    assertThat(e.getMessage()).contains("Shoe_Size__c");
    assertThat(e.partial().results())
        .allSatisfy(
            s -> assertThat(s.errors().get(0).statusCode()).isEqualTo(BulkIngestJob.UNPROCESSED));
  }

  @Test
  void sfErrorTextIsParsedWithColonsInTheMessage() {
    assertThat(
            BulkIngestJob.parseError(
                "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --"))
        .isEqualTo(
            new SaveError(
                "REQUIRED_FIELD_MISSING",
                "Required fields are missing: [LastName]",
                List.of("LastName")));
    assertThat(
            BulkIngestJob.parseError("INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--"))
        .isEqualTo(
            new SaveError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", List.of()));
    assertThat(BulkIngestJob.parseError("X:m:A,B --"))
        .isEqualTo(new SaveError("X", "m", List.of("A", "B")));
  }

  @Test
  void withRowsThatCanBeReadAgainOutagesAndCutOffResponsesStillWriteEachRowOnce() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(row("Storm-" + i, "S"));
    }
    AtomicInteger opened = new AtomicInteger();
    org.sim
        .faults()
        .enable(FaultPlan.none().withSeed(21).withServerErrors(0.3).withTruncation(0.2));
    BulkIngestResult r;
    try {
      r =
          client.bulkIngest(
              "Contact",
              IngestOperation.INSERT,
              null,
              List.of("LastName", "Title"),
              () -> {
                opened.incrementAndGet();
                return rows.iterator();
              });
    } finally {
      org.sim.faults().disable();
    }
    assertThat(org.sim.faults().injected()).isPositive();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      SaveResult s = r.results().get(i);
      assertThat(s.success()).as("row " + i).isTrue();
      assertThat(value(s.id(), "LastName")).isEqualTo("Storm-" + i);
      ids.add(s.id());
    }
    assertThat(ids).hasSize(rows.size());
    ObjectTable t = org.sim.org().table("Contact");
    int written = 0;
    for (int row = 0; row < t.size(); row++) {
      Object v = t.value(row, "LastName");
      if (t.isLive(row) && v != null && v.toString().startsWith("Storm-")) {
        written++;
      }
    }
    assertThat(written).as("no row written twice").isEqualTo(rows.size());
  }

  @Test
  void oneShotRowsUnderOutagesAreWrittenOnceOrNotAtAll() {
    // An upload refused before its rows were read is sent again; one refused after that aborts
    // the job. Either way no row is written twice and a failed call writes nothing.
    int succeeded = 0;
    org.sim.faults().enable(FaultPlan.none().withSeed(1).withServerErrors(0.5));
    try {
      for (int call = 0; call < 6; call++) {
        List<List<Object>> rows = List.of(row("OneShot-" + call), row("OneShot-" + call));
        try {
          BulkIngestResult r =
              client.bulkIngest(
                  "Contact", IngestOperation.INSERT, null, List.of("LastName"), rows.iterator());
          assertThat(r.results()).allSatisfy(s -> assertThat(s.success()).isTrue());
          succeeded++;
          assertThat(countLastName("OneShot-" + call)).isEqualTo(2);
        } catch (ServiceUnavailableException e) {
          assertThat(countLastName("OneShot-" + call)).as(e.getMessage()).isZero();
        }
      }
    } finally {
      org.sim.faults().disable();
    }
    assertThat(org.sim.faults().injected()).isPositive();
    assertThat(succeeded).isPositive();
  }

  private static int countLastName(String lastName) {
    ObjectTable t = org.sim.org().table("Contact");
    int n = 0;
    for (int row = 0; row < t.size(); row++) {
      if (t.isLive(row) && lastName.equals(t.value(row, "LastName"))) {
        n++;
      }
    }
    return n;
  }
}
