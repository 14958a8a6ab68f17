package io.orgvault.engine.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.engine.store.RecordVersion;
import io.orgvault.simulator.org.DayRates;
import io.orgvault.simulator.org.ObjectTable;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Extraction through REST and Bulk API 2.0: every record once, canonical values, the choice. */
class ExtractionTest {
  private static SimOrg org;
  private static SalesforceClient client;
  private static SObjectDescription contact;

  @BeforeAll
  static void start() throws Exception {
    org = SimOrg.start(2000);
    client =
        org.client(
            SimOrg.options().restBatchSize(200).bulkMaxRecords(300).bulkThreshold(1000).build());
    contact = client.describe("Contact");
  }

  @AfterAll
  static void stop() {
    org.close();
  }

  private static List<SalesforceRecord> drain(Extraction e) {
    List<SalesforceRecord> out = new ArrayList<>();
    try (e) {
      e.forEachRemaining(out::add);
    }
    return out;
  }

  private static Set<String> ids(List<SalesforceRecord> records) {
    Set<String> ids = new TreeSet<>();
    records.forEach(r -> ids.add(r.id()));
    assertThat(ids).as("no record delivered twice").hasSameSizeAs(records);
    return ids;
  }

  @Test
  void restPagesThroughEveryRecordExactlyOnce() {
    Extraction e =
        client.extract(ExtractionRequest.of(contact).method(ExtractionMethod.REST).build());
    assertThat(e.method()).isEqualTo(ExtractionMethod.REST);
    List<SalesforceRecord> records = drain(e);
    assertThat(records).hasSize(2000); // ten pages of 200
    assertThat(ids(records)).isEqualTo(org.ids("Contact", false));
    assertThat(e.delivered()).isEqualTo(2000);
    records.forEach(ExtractionTest::assertStorable);
  }

  @Test
  void bulkReadsEveryResultSetAndEveryRecordExactlyOnce() {
    Extraction e =
        client.extract(ExtractionRequest.of(contact).method(ExtractionMethod.BULK).build());
    assertThat(e.method()).isEqualTo(ExtractionMethod.BULK);
    assertThat(e.bulkJobId()).isPresent();
    List<SalesforceRecord> records = drain(e);
    assertThat(ids(records)).isEqualTo(org.ids("Contact", false)); // seven result sets of 300
    records.forEach(ExtractionTest::assertStorable);
  }

  @Test
  void restAndBulkGiveTheSameCanonicalValues() {
    SObjectDescription opp = client.describe("Opportunity");
    Map<String, SalesforceRecord> viaRest =
        byId(ExtractionRequest.of(opp).method(ExtractionMethod.REST));
    Map<String, SalesforceRecord> viaBulk =
        byId(ExtractionRequest.of(opp).method(ExtractionMethod.BULK));
    assertThat(viaBulk.keySet()).isEqualTo(viaRest.keySet());
    for (String id : viaRest.keySet()) {
      Map<String, Object> a = viaRest.get(id).fields();
      Map<String, Object> b = viaBulk.get(id).fields();
      assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
      for (String f : a.keySet()) {
        Object x = a.get(f);
        Object y = b.get(f);
        if (x instanceof BigDecimal dx && y instanceof BigDecimal dy) {
          // REST writes 1.0E7 where CSV writes 10000000.0: the same number.
          assertThat(dx.compareTo(dy)).as(id + "." + f + ": " + dx + " vs " + dy).isZero();
        } else {
          assertThat(y).as(id + "." + f).isEqualTo(x);
        }
      }
    }
  }

  private static Map<String, SalesforceRecord> byId(ExtractionRequest.Builder b) {
    Map<String, SalesforceRecord> m = new HashMap<>();
    drain(client.extract(b.build())).forEach(r -> m.put(r.id(), r));
    return m;
  }

  @Test
  void valuesAreCanonicalAndMatchTheOrg() {
    SObjectDescription opp = client.describe("Opportunity");
    List<SalesforceRecord> records =
        drain(client.extract(ExtractionRequest.of(opp).method(ExtractionMethod.REST).build()));
    ObjectTable t = org.sim.org().table("Opportunity");
    SalesforceRecord r = records.get(0);
    int row = t.rowOf(r.id());
    assertThat(r.modstamp()).isEqualTo(Instant.ofEpochMilli(t.systemModstamp(row)));
    assertThat(r.fields().get("SystemModstamp")).isEqualTo(r.modstamp());
    assertThat(r.fields().get("CloseDate")).isEqualTo(t.value(row, "CloseDate"));
    assertThat(r.fields().get("CloseDate")).isInstanceOf(LocalDate.class);
    assertThat(r.fields().get("IsDeleted")).isEqualTo(Boolean.FALSE);
    Object amount = t.value(row, "Amount");
    if (amount != null) {
      assertThat(((BigDecimal) r.fields().get("Amount")).doubleValue()).isEqualTo((Double) amount);
    }
    Object probability = r.fields().get("Probability");
    assertThat(probability == null || probability instanceof BigDecimal).isTrue();
  }

  @Test
  void theThresholdChoosesBulkForLargeObjectsAndRestForSmallOnes() {
    Extraction big = client.extract(ExtractionRequest.of(contact).build());
    assertThat(big.method()).isEqualTo(ExtractionMethod.BULK);
    assertThat(big.expectedCount()).isEqualTo(2000);
    big.close();

    Extraction small = client.extract(ExtractionRequest.of(client.describe("Project__c")).build());
    assertThat(small.method()).isEqualTo(ExtractionMethod.REST);
    assertThat(small.expectedCount()).isLessThan(1000);
    assertThat(ids(drain(small))).isEqualTo(org.ids("Project__c", false));

    SalesforceClient allBulk = org.client(SimOrg.options().bulkThreshold(0).build());
    Extraction links =
        allBulk.extract(ExtractionRequest.of(allBulk.describe("ContentDocumentLink")).build());
    assertThat(links.method())
        .as("Bulk cannot query ContentDocumentLink")
        .isEqualTo(ExtractionMethod.REST);
    assertThat(ids(drain(links))).isEqualTo(org.ids("ContentDocumentLink", false));
  }

  @Test
  void anObjectBulkRefusesFallsBackToRest() {
    // Not on the known list: Bulk refuses the job (400 INVALIDENTITY) and REST takes over.
    SalesforceClient c =
        org.client(SimOrg.options().bulkThreshold(0).bulkUnsupportedObjects(List.of()).build());
    Extraction links = c.extract(ExtractionRequest.of(c.describe("ContentDocumentLink")).build());
    assertThat(links.method()).isEqualTo(ExtractionMethod.REST);
    assertThat(ids(drain(links))).isEqualTo(org.ids("ContentDocumentLink", false));
  }

  @Test
  void aChangeWindowAndTheRecycleBinThroughBothMethods() {
    Instant before = org.sim.org().clock().now();
    var day = org.sim.simulateDay(DayRates.typical());
    assertThat(day.updated() + day.inserted()).isPositive();
    Instant after = org.sim.org().clock().now().plusMillis(1);
    ObjectTable t = org.sim.org().table("Contact");
    Set<String> changed = new TreeSet<>();
    Set<String> changedOrDeleted = new TreeSet<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.systemModstamp(r) >= before.toEpochMilli()) {
        if (t.isLive(r)) {
          changed.add(t.id(r));
        }
        if (t.isLive(r) || t.isRecycled(r)) {
          changedOrDeleted.add(t.id(r));
        }
      }
    }
    SObjectDescription c = client.describe("Contact");
    for (ExtractionMethod m : List.of(ExtractionMethod.REST, ExtractionMethod.BULK)) {
      ExtractionRequest live =
          ExtractionRequest.of(c).modifiedFrom(before).modifiedTo(after).method(m).build();
      assertThat(ids(drain(client.extract(live)))).as(m.name()).isEqualTo(changed);
      ExtractionRequest all =
          ExtractionRequest.of(c)
              .modifiedFrom(before)
              .modifiedTo(after)
              .includeDeleted(true)
              .method(m)
              .build();
      List<SalesforceRecord> records = drain(client.extract(all));
      assertThat(ids(records)).as(m.name()).isEqualTo(changedOrDeleted);
      for (SalesforceRecord r : records) {
        assertThat(r.deleted()).isEqualTo(t.isRecycled(t.rowOf(r.id())));
      }
    }
  }

  @Test
  void rawRestQueryNestsParentRecords() {
    try (RecordStream<Map<String, Object>> s =
        client.query(
            "SELECT Id, LastName, Account.Name FROM Contact WHERE AccountId != null", false)) {
      Map<String, Object> first = s.next();
      assertThat(first).containsKeys("Id", "LastName", "Account");
      assertThat(first.get("Account")).isInstanceOf(Map.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> account = (Map<String, Object>) first.get("Account");
      assertThat(account).containsKey("Name").doesNotContainKey("attributes");
      assertThat(1 + s.stream().count()).isEqualTo(client.count("Contact") - nullAccounts());
    }
  }

  private static long nullAccounts() {
    ObjectTable t = org.sim.org().table("Contact");
    long n = 0;
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r) && t.value(r, "AccountId") == null) {
        n++;
      }
    }
    return n;
  }

  @Test
  void rawBulkQueryGivesColumnsAsText() {
    try (RecordStream<Map<String, String>> s =
        client.bulkQuery("SELECT Id, Name, IsDeleted FROM Account", false)) {
      List<Map<String, String>> rows = s.stream().toList();
      assertThat(rows).hasSize(org.ids("Account", false).size());
      assertThat(rows.get(0)).containsOnlyKeys("Id", "Name", "IsDeleted");
      assertThat(rows.get(0).get("IsDeleted")).isEqualTo("false");
    }
  }

  @Test
  void fileBodiesStreamFromTheirOwnResource() throws Exception {
    SObjectDescription cv = client.describe("ContentVersion");
    SalesforceRecord first =
        drain(client.extract(ExtractionRequest.of(cv).method(ExtractionMethod.REST).build()))
            .get(0);
    assertThat(first.fields()).doesNotContainKey("VersionData");
    byte[] body;
    try (InputStream in = client.openBlob("ContentVersion", first.id(), "VersionData")) {
      body = in.readAllBytes();
    }
    assertThat(body).isEqualTo(org.sim.org().blob("ContentVersion", first.id(), "VersionData"));
  }

  /** Every record converts to what the store accepts. */
  private static void assertStorable(SalesforceRecord r) {
    RecordVersion v = r.toRecordVersion();
    assertThat(v.id()).hasSize(18);
    assertThat(v.fields()).containsKey("Id");
  }
}
