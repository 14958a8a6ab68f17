package io.orgvault.simulator.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.QueryResult;
import com.sforce.soap.partner.SaveResult;
import com.sforce.soap.partner.fault.ExceptionCode;
import com.sforce.soap.partner.fault.InvalidFieldFault;
import com.sforce.soap.partner.fault.InvalidQueryLocatorFault;
import com.sforce.soap.partner.fault.InvalidSObjectFault;
import com.sforce.soap.partner.fault.MalformedQueryFault;
import com.sforce.soap.partner.sobject.SObject;
import com.sforce.ws.bind.XmlObject;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.ObjectTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** query, queryMore and queryAll through force-wsc, checked against the org's own rows. */
class SoapQueryTest {
  private Simulator sim;
  private PartnerConnection conn;

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.builder().contacts(1000).start();
    conn = PartnerClients.connect(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private List<String> liveIds(String object) {
    ObjectTable t = sim.org().table(object);
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r)) {
        ids.add(t.id(r));
      }
    }
    return ids;
  }

  @Test
  void queryMorePagesThroughEveryRecordExactlyOnce() throws Exception {
    conn.setQueryOptions(200);
    List<String> expected = liveIds("Contact");

    QueryResult page = conn.query("SELECT Id, LastName FROM Contact");
    assertThat(page.getSize()).isEqualTo(expected.size());
    List<String> seen = new ArrayList<>();
    int batches = 0;
    while (true) {
      batches++;
      for (SObject r : page.getRecords()) {
        assertThat(r.getType()).isEqualTo("Contact");
        seen.add(r.getId());
      }
      if (page.isDone()) {
        assertThat(page.getQueryLocator()).isNull();
        break;
      }
      assertThat(page.getRecords()).hasSize(200);
      assertThat(page.getQueryLocator()).matches("01g[0-9A-Za-z]{15}-" + seen.size());
      page = conn.queryMore(page.getQueryLocator());
    }
    assertThat(batches).isEqualTo((expected.size() + 199) / 200).isGreaterThan(2);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theDefaultBatchIsFiveHundredAndTheLargestTwoThousand() throws Exception {
    QueryResult byDefault = conn.query("SELECT Id FROM Contact");
    assertThat(byDefault.getRecords()).hasSize(500);
    assertThat(byDefault.isDone()).isFalse();

    try (Simulator big = Simulator.builder().contacts(2500).start()) {
      PartnerConnection c = PartnerClients.connect(big);
      c.setQueryOptions(5000);
      QueryResult capped = c.query("SELECT Id FROM Contact");
      assertThat(capped.getSize()).isEqualTo(2500);
      assertThat(capped.getRecords()).hasSize(2000);
      assertThat(c.queryMore(capped.getQueryLocator()).getRecords()).hasSize(500);
    }
  }

  @Test
  void recordsCarryTheirFieldsAndParentsAsNestedSObjects() throws Exception {
    ObjectTable contacts = sim.org().table("Contact");
    ObjectTable accounts = sim.org().table("Account");
    String id = contacts.id(3);
    String accountId = (String) contacts.value(3, "AccountId");
    assertThat(accountId).isNotNull();

    QueryResult r =
        conn.query("SELECT Id, LastName, Email, Account.Name FROM Contact WHERE Id = '" + id + "'");

    assertThat(r.getSize()).isEqualTo(1);
    SObject c = r.getRecords()[0];
    assertThat(c.getId()).isEqualTo(id);
    assertThat(c.getField("LastName")).isEqualTo(contacts.value(3, "LastName"));
    XmlObject account = (XmlObject) c.getField("Account");
    assertThat(account.getField("type")).isEqualTo("Account");
    assertThat(account.getField("Name"))
        .isEqualTo(accounts.value(accounts.rowOf(accountId), "Name"));
  }

  @Test
  void countQueriesReturnOnlyTheSize() throws Exception {
    QueryResult r = conn.query("SELECT COUNT() FROM Account");
    assertThat(r.getSize()).isEqualTo(liveIds("Account").size());
    assertThat(r.getRecords()).isEmpty();
    assertThat(r.isDone()).isTrue();
  }

  @Test
  void queryAllAlsoReturnsTheRecycleBin() throws Exception {
    String id = sim.org().table("Contact").id(10);
    assertThat(conn.delete(new String[] {id})[0].isSuccess()).isTrue();
    String soql = "SELECT Id, IsDeleted FROM Contact WHERE Id = '" + id + "'";

    assertThat(conn.query(soql).getSize()).isZero();
    QueryResult all = conn.queryAll(soql);
    assertThat(all.getSize()).isEqualTo(1);
    assertThat(all.getRecords()[0].getField("IsDeleted")).isEqualTo("true");
  }

  @Test
  void createQueryUpdateDeleteUndeleteRoundTrip() throws Exception {
    SObject p = new SObject("Project__c");
    p.setField("Name", "Apollo");
    p.setField("Code__c", "AP-11");
    p.setField("Budget__c", 2500.5);
    SaveResult created = conn.create(new SObject[] {p})[0];
    assertThat(created.isSuccess()).isTrue();
    String soql = "SELECT Id, Name, Budget__c FROM Project__c WHERE Code__c = 'AP-11'";

    SObject fetched = conn.query(soql).getRecords()[0];
    assertThat(fetched.getId()).isEqualTo(created.getId());
    assertThat(fetched.getField("Budget__c")).isEqualTo("2500.5");

    SObject change = new SObject("Project__c");
    change.setId(created.getId());
    change.setField("Name", "Apollo 11");
    assertThat(conn.update(new SObject[] {change})[0].isSuccess()).isTrue();
    assertThat(conn.query(soql).getRecords()[0].getField("Name")).isEqualTo("Apollo 11");
    ObjectTable projects = sim.org().table("Project__c");
    assertThat(projects.value(projects.rowOf(created.getId()), "Name")).isEqualTo("Apollo 11");

    assertThat(conn.delete(new String[] {created.getId()})[0].isSuccess()).isTrue();
    assertThat(conn.query(soql).getSize()).isZero();
    assertThat(projects.isRecycled(projects.rowOf(created.getId()))).isTrue();

    assertThat(conn.undelete(new String[] {created.getId()})[0].isSuccess()).isTrue();
    assertThat(conn.query(soql).getSize()).isEqualTo(1);
    assertThat(projects.isLive(projects.rowOf(created.getId()))).isTrue();
  }

  @Test
  void badQueriesAreTypedFaults() {
    assertThatThrownBy(() -> conn.query("SELEKT Id FROM Account"))
        .isInstanceOfSatisfying(
            MalformedQueryFault.class,
            f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.MALFORMED_QUERY));
    assertThatThrownBy(() -> conn.query("SELECT Id, NoSuchField__c FROM Account"))
        .isInstanceOfSatisfying(
            InvalidFieldFault.class,
            f -> {
              assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_FIELD);
              assertThat(f.getExceptionMessage()).contains("NoSuchField__c");
              assertThat(f.getRow()).isEqualTo(1);
              assertThat(f.getColumn()).isEqualTo(12);
            });
    assertThatThrownBy(() -> conn.query("SELECT Id FROM NoSuchObject__c"))
        .isInstanceOfSatisfying(
            InvalidSObjectFault.class,
            f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_TYPE));
  }

  @Test
  void unknownSpentOrForeignLocatorsAreInvalid() throws Exception {
    assertInvalidLocator(conn, "01g000000000000AAA-200");
    assertInvalidLocator(conn, "garbage");

    conn.setQueryOptions(200);
    QueryResult first = conn.query("SELECT Id FROM Contact");
    assertThat(first.isDone()).isFalse();
    PartnerConnection otherUser =
        PartnerClients.connect(sim, sim.issueToken(sim.org().userId(2)), true);
    assertInvalidLocator(otherUser, first.getQueryLocator());

    Set<String> ids = new HashSet<>();
    QueryResult page = first;
    while (true) {
      for (SObject r : page.getRecords()) {
        ids.add(r.getId());
      }
      if (page.isDone()) {
        break;
      }
      String locator = page.getQueryLocator();
      page = conn.queryMore(locator);
      if (page.isDone()) {
        // The last batch released the cursor.
        for (SObject r : page.getRecords()) {
          ids.add(r.getId());
        }
        assertInvalidLocator(conn, locator);
        break;
      }
    }
    assertThat(ids).hasSize(first.getSize());
  }

  private static void assertInvalidLocator(PartnerConnection c, String locator) {
    assertThatThrownBy(() -> c.queryMore(locator))
        .isInstanceOfSatisfying(
            InvalidQueryLocatorFault.class,
            f -> assertThat(f.getExceptionCode()).isEqualTo(ExceptionCode.INVALID_QUERY_LOCATOR));
  }

  @Test
  void theWireFormatMatchesThePartnerApi() throws Exception {
    String id = sim.org().table("Contact").id(0);
    String session = sim.issueToken(sim.org().integrationUserId());
    HttpClient http = HttpClient.newBuilder().sslContext(sim.clientSslContext()).build();

    String withId = soap(http, session, "SELECT Id, LastName FROM Contact WHERE Id = '" + id + "'");
    assertThat(withId)
        .contains(
            "<queryResponse><result xsi:type=\"QueryResult\"><done>true</done><queryLocator xsi:nil=\"true\"/>"
                + "<records xsi:type=\"sf:sObject\"><sf:type>Contact</sf:type><sf:Id>"
                + id
                + "</sf:Id><sf:Id>"
                + id
                + "</sf:Id><sf:LastName>")
        .contains("</records><size>1</size></result></queryResponse>");

    String withoutId =
        soap(http, session, "SELECT LastName, Account.Name FROM Contact WHERE Id = '" + id + "'");
    assertThat(withoutId)
        .contains("<sf:type>Contact</sf:type><sf:Id xsi:nil=\"true\"/><sf:LastName>")
        .contains(
            "<sf:Account xsi:type=\"sf:sObject\"><sf:type>Account</sf:type><sf:Id xsi:nil=\"true\"/><sf:Name>");
  }

  private String soap(HttpClient http, String session, String soql) throws Exception {
    String xml =
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns=\"urn:partner.soap.sforce.com\"><soapenv:Header><SessionHeader><sessionId>"
            + session
            + "</sessionId></SessionHeader></soapenv:Header><soapenv:Body><query><queryString>"
            + soql.replace("&", "&amp;").replace("<", "&lt;")
            + "</queryString></query></soapenv:Body></soapenv:Envelope>";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/services/Soap/u/65.0"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(xml))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
