package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.ValidationRule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Record writes against the simulator: sObject Collections create, update and upsert, SOAP
 * undelete, per-record failures (validation rules, read-only fields) as results, the API budget,
 * and the retry rule for writes under injected outages and cut-off responses.
 */
class RecordWritesTest {
  private static SimOrg org;
  private static SalesforceClient client;

  @BeforeAll
  static void start() throws Exception {
    org = SimOrg.start(300);
    client = org.client();
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  @AfterEach
  void noFaults() {
    org.sim.faults().disable();
  }

  private static Map<String, Object> contact(String lastName, String title) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("LastName", lastName);
    m.put("Title", title);
    return m;
  }

  private static Object value(String id, String field) {
    Org.RowRef ref = org.sim.org().find(id);
    assertThat(ref).as(id).isNotNull();
    return ref.table().value(ref.row(), field);
  }

  @Test
  void createReportsEachRecordInInputOrderWithValidationFailuresAsResults() {
    ValidationRule rule =
        org.sim
            .org()
            .addValidationRule(
                "Contact",
                "No_Rejected",
                r -> "Rejected".equals(r.get("Title")),
                "Title may not be Rejected",
                "Title");
    try {
      Map<String, Object> typed = contact("Typed", "Fine");
      typed.put("Birthdate", LocalDate.of(1990, 2, 3));
      typed.put("HasOptedOutOfEmail", Boolean.TRUE);
      long calls = client.budget().callsMade();

      List<SaveResult> r =
          client.create(
              "Contact", List.of(contact("A", "Rejected"), typed, contact("C", "Rejected")));

      assertThat(client.budget().callsMade() - calls).isEqualTo(1);
      assertThat(r).hasSize(3);
      assertThat(r.get(0).success()).isFalse();
      assertThat(r.get(0).id()).isNull();
      assertThat(r.get(0).errors())
          .containsExactly(
              new SaveError(
                  "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                  "Title may not be Rejected",
                  List.of("Title")));
      assertThat(r.get(1).success()).isTrue();
      assertThat(r.get(1).created()).isTrue();
      assertThat(r.get(1).id()).startsWith("003").hasSize(18);
      assertThat(value(r.get(1).id(), "Birthdate")).isEqualTo(LocalDate.of(1990, 2, 3));
      assertThat(value(r.get(1).id(), "HasOptedOutOfEmail")).isEqualTo(Boolean.TRUE);
      assertThat(r.get(2).success()).isFalse();
    } finally {
      org.sim.org().removeValidationRule(rule);
    }
  }

  @Test
  void updateChangesAndBlanksFieldsAndRefusesReadOnlyFieldsPerRecord() {
    ObjectTable t = org.sim.org().table("Opportunity");
    String a = t.id(0);
    String b = t.id(1);
    Map<String, Object> first = new HashMap<>();
    first.put("Id", a);
    first.put("Amount", new BigDecimal("1234.50"));
    first.put("Probability", null);
    Map<String, Object> second = new HashMap<>();
    second.put("Id", b);
    second.put("IsClosed", Boolean.TRUE);

    List<SaveResult> r = client.update("Opportunity", List.of(first, second));

    assertThat(r.get(0)).isEqualTo(new SaveResult(a, true, false, List.of()));
    assertThat(((Number) value(a, "Amount")).doubleValue()).isEqualTo(1234.5);
    assertThat(value(a, "Probability")).isNull();
    assertThat(r.get(1).success()).isFalse();
    assertThat(r.get(1).errors().get(0).statusCode()).isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
    assertThat(r.get(1).errors().get(0).fields()).containsExactly("IsClosed");
  }

  @Test
  void upsertByExternalIdTellsCreatedFromUpdated() {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("AccountNumber", "RW-UPSERT-1");
    one.put("Name", "Upsert One");
    List<SaveResult> first = client.upsert("Account", "AccountNumber", List.of(one));
    assertThat(first.get(0).created()).isTrue();
    one.put("Name", "Upsert Uno");
    List<SaveResult> second = client.upsert("Account", "AccountNumber", List.of(one));
    assertThat(second.get(0).created()).isFalse();
    assertThat(second.get(0).id()).isEqualTo(first.get(0).id());
    assertThat(value(first.get(0).id(), "Name")).isEqualTo("Upsert Uno");
  }

  @Test
  void undeleteRestoresFromTheRecycleBinAndReportsRecordsNotInIt() {
    List<SaveResult> created =
        client.create("Contact", List.of(contact("Gone", null), contact("Here", null)));
    String gone = created.get(0).id();
    String here = created.get(1).id();
    String user = org.sim.org().integrationUserId();
    assertThat(org.sim.org().delete(gone, user).success()).isTrue();
    long calls = client.budget().callsMade();

    List<SaveResult> r = client.undelete(List.of(gone, here));

    assertThat(client.budget().callsMade() - calls).isEqualTo(1);
    assertThat(r.get(0)).isEqualTo(new SaveResult(gone, true, false, List.of()));
    Org.RowRef ref = org.sim.org().find(gone);
    assertThat(ref.table().isLive(ref.row())).isTrue();
    assertThat(r.get(1).success()).isFalse();
    assertThat(r.get(1).id()).isEqualTo(here);
    assertThat(r.get(1).errors().get(0).statusCode()).isEqualTo("UNDELETE_FAILED");
  }

  @Test
  void badInputIsRefusedBeforeAnythingIsSent() {
    long calls = client.budget().callsMade();
    Map<String, Object> blob = contact("B", null);
    blob.put("Description", new byte[] {1, 2});
    assertThatThrownBy(() -> client.create("Contact", List.of(blob)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Description");
    Map<String, Object> injected = contact("B", null);
    injected.put("Title\":\"x", "y");
    assertThatThrownBy(() -> client.create("Contact", List.of(injected)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.create("Contact", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    List<Map<String, Object>> many = new ArrayList<>();
    for (int i = 0; i <= SalesforceClient.COLLECTION_LIMIT; i++) {
      many.add(contact("M" + i, null));
    }
    assertThatThrownBy(() -> client.create("Contact", many))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.update("Contact", List.of(contact("NoId", null))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.undelete(List.of("not-an-id")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(client.budget().callsMade()).isEqualTo(calls);
  }

  @Test
  void outagesRefusedUpFrontAreRetriedAndWriteEachRecordOnce() {
    org.sim.faults().enable(FaultPlan.none().withSeed(5).withServerErrors(0.5));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      List<SaveResult> r = client.create("Contact", List.of(contact("Outage" + i, "O")));
      assertThat(r.get(0).success()).isTrue();
      ids.add(r.get(0).id());
    }
    List<SaveResult> restored = client.undelete(List.of(ids.get(0)));
    assertThat(restored.get(0).errors().get(0).statusCode()).isEqualTo("UNDELETE_FAILED");
    org.sim.faults().disable();
    assertThat(org.sim.faults().injected()).isPositive();
    assertThat(countLastNamesStartingWith("Outage")).isEqualTo(10);
  }

  @Test
  void aCutOffResponseIsAnUnknownOutcomeAndIsNotSentAgain() {
    // 100 results make a body longer than the simulator ever keeps of a cut-off one.
    List<Map<String, Object>> records = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(contact("Cut" + i, "Off"));
    }
    org.sim.faults().enable(FaultPlan.none().withSeed(3).withTruncation(1.0));
    long calls = client.budget().callsMade();
    assertThatThrownBy(() -> client.create("Contact", records))
        .isInstanceOf(WriteOutcomeUnknownException.class)
        .hasMessageContaining("composite/sobjects");
    assertThat(client.budget().callsMade() - calls).isEqualTo(1);
    org.sim.faults().disable();
    // The server did write it: that is why the client must not send it again.
    assertThat(countLastNamesStartingWith("Cut")).isEqualTo(100);
  }

  private static int countLastNamesStartingWith(String prefix) {
    ObjectTable t = org.sim.org().table("Contact");
    int n = 0;
    for (int r = 0; r < t.size(); r++) {
      Object v = t.value(r, "LastName");
      if (t.isLive(r) && v != null && v.toString().startsWith(prefix)) {
        n++;
      }
    }
    return n;
  }
}
