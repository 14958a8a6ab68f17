package io.orgvault.simulator.rest;

import static io.orgvault.simulator.rest.RestClient.V;
import static io.orgvault.simulator.rest.RestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.ObjectTable;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryTest extends RestFixture {
  private static final String NEXT_URL = "/services/data/v65\\.0/query/01g[0-9A-Za-z]{15}-\\d+";

  @Test
  void pagesThroughEveryRecordExactlyOnce() {
    ObjectTable contacts = sim.org().table("Contact");
    Set<String> live = new HashSet<>();
    for (int r = 0; r < contacts.size(); r++) {
      if (contacts.isLive(r)) {
        live.add(contacts.id(r));
      }
    }
    HttpResponse<String> r =
        rest.get(
            query("SELECT Id, LastName FROM Contact"), "Sforce-Query-Options", "batchSize=200");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
    assertThat(r.headers().firstValue("Sforce-Limit-Info")).isPresent();
    JsonNode page = json(r);
    Iterator<String> keys = page.fieldNames();
    assertThat(List.of(keys.next(), keys.next(), keys.next(), keys.next()))
        .containsExactly("totalSize", "done", "nextRecordsUrl", "records");
    assertThat(page.get("totalSize").asInt()).isEqualTo(live.size());

    List<String> ids = new ArrayList<>();
    int pages = 0;
    while (true) {
      pages++;
      assertThat(page.get("totalSize").asInt()).isEqualTo(live.size());
      page.get("records").forEach(rec -> ids.add(rec.get("Id").asText()));
      if (page.get("done").asBoolean()) {
        assertThat(page.has("nextRecordsUrl")).isFalse();
        break;
      }
      assertThat(page.get("records").size()).isEqualTo(200);
      String next = page.get("nextRecordsUrl").asText();
      assertThat(next).matches(NEXT_URL).endsWith("-" + ids.size());
      page = json(rest.get(next));
    }
    assertThat(pages).isEqualTo((live.size() + 199) / 200).isGreaterThan(2);
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(new HashSet<>(ids)).isEqualTo(live);
  }

  @Test
  void batchSizeIsClampedAndDefaultsTo2000() {
    JsonNode all = json(rest.get(query("SELECT Id FROM Contact")));
    assertThat(all.get("done").asBoolean()).isTrue();
    assertThat(all.get("records").size()).isEqualTo(all.get("totalSize").asInt());

    JsonNode small =
        json(rest.get(query("SELECT Id FROM Contact"), "Sforce-Query-Options", "batchSize=10"));
    assertThat(small.get("records").size()).isEqualTo(200);

    JsonNode big =
        json(rest.get(query("SELECT Id FROM Contact"), "Sforce-Query-Options", "batchSize=9999"));
    assertThat(big.get("done").asBoolean()).isTrue();
  }

  @Test
  void aPageHoldsAtMost2000Records() throws Exception {
    try (Simulator bigger = Simulator.builder().contacts(4500).port(0).start()) {
      RestClient client = RestClient.integrationUser(bigger);
      for (String options : List.of("batchSize=9999", "")) {
        JsonNode page =
            options.isEmpty()
                ? json(client.get(query("SELECT Id FROM Contact")))
                : json(
                    client.get(query("SELECT Id FROM Contact"), "Sforce-Query-Options", options));
        assertThat(page.get("totalSize").asInt()).isEqualTo(4500);
        assertThat(page.get("records").size()).isEqualTo(2000);
        assertThat(page.get("nextRecordsUrl").asText()).endsWith("-2000");
      }
    }
  }

  @Test
  void recordsCarryAttributesNestedParentsAndRestFormats() {
    ObjectTable contacts = sim.org().table("Contact");
    int row = -1;
    for (int r = 0; r < contacts.size() && row < 0; r++) {
      if (contacts.isLive(r) && contacts.value(r, "AccountId") != null) {
        row = r;
      }
    }
    String id = contacts.id(row);
    String accountId = (String) contacts.value(row, "AccountId");
    JsonNode rec =
        json(rest.get(
                query(
                    "SELECT Id, LastName, Birthdate, CreatedDate, HasOptedOutOfEmail,"
                        + " Account.Name, Account.Owner.Username, AccountId FROM Contact"
                        + " WHERE Id = '"
                        + id
                        + "'")))
            .get("records")
            .get(0);
    Iterator<String> names = rec.fieldNames();
    assertThat(List.of(names.next(), names.next(), names.next()))
        .containsExactly("attributes", "Id", "LastName");
    assertThat(rec.get("attributes").toString())
        .isEqualTo("{\"type\":\"Contact\",\"url\":\"" + V + "/sobjects/Contact/" + id + "\"}");
    assertThat(rec.get("Id").asText()).isEqualTo(id);
    Object birthdate = contacts.value(row, "Birthdate");
    assertThat(rec.get("Birthdate").isNull() ? null : rec.get("Birthdate").asText())
        .isEqualTo(birthdate == null ? null : birthdate.toString());
    assertThat(rec.get("CreatedDate").asText())
        .isEqualTo(FieldValues.restDateTime((Instant) contacts.value(row, "CreatedDate")))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
    assertThat(rec.get("HasOptedOutOfEmail").isBoolean()).isTrue();
    JsonNode account = rec.get("Account");
    assertThat(account.get("attributes").toString())
        .isEqualTo(
            "{\"type\":\"Account\",\"url\":\"" + V + "/sobjects/Account/" + accountId + "\"}");
    ObjectTable accounts = sim.org().table("Account");
    assertThat(account.get("Name").asText())
        .isEqualTo(accounts.value(accounts.rowOf(accountId), "Name"));
    assertThat(account.get("Owner").get("attributes").get("type").asText()).isEqualTo("User");
    assertThat(account.get("Owner").get("Username").asText()).contains("@");
    assertThat(rec.get("AccountId").asText()).isEqualTo(accountId);

    String orphan =
        json(rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"Orphan\"}"))
            .get("id")
            .asText();
    JsonNode noParent =
        json(rest.get(query("SELECT Id, Account.Name FROM Contact WHERE Id = '" + orphan + "'")))
            .get("records")
            .get(0);
    assertThat(noParent.toString())
        .isEqualTo(
            "{\"attributes\":{\"type\":\"Contact\",\"url\":\""
                + V
                + "/sobjects/Contact/"
                + orphan
                + "\"},\"Id\":\""
                + orphan
                + "\",\"Account\":null}");
  }

  @Test
  void numbersAreJsonNumbersAndBlobsAreUrls() {
    JsonNode rec =
        json(rest.get(
                query(
                    "SELECT Id, NumberOfEmployees, AnnualRevenue FROM Account"
                        + " WHERE NumberOfEmployees != null AND AnnualRevenue != null LIMIT 1")))
            .get("records")
            .get(0);
    assertThat(rec.get("NumberOfEmployees").isIntegralNumber()).isTrue();
    assertThat(rec.get("AnnualRevenue").isNumber()).isTrue();

    JsonNode att =
        json(rest.get(query("SELECT Id, Name, Body FROM Attachment LIMIT 1")))
            .get("records")
            .get(0);
    String id = att.get("Id").asText();
    assertThat(att.get("Body").asText()).isEqualTo(V + "/sobjects/Attachment/" + id + "/Body");
    HttpResponse<byte[]> body = rest.getBytes(att.get("Body").asText());
    assertThat(body.statusCode()).isEqualTo(200);
    assertThat(body.body()).isEqualTo(sim.org().blob("Attachment", id, "Body"));
  }

  @Test
  void countGivesOnlyTheTotal() {
    ObjectTable contacts = sim.org().table("Contact");
    int live = 0;
    for (int r = 0; r < contacts.size(); r++) {
      live += contacts.isLive(r) ? 1 : 0;
    }
    JsonNode r = json(rest.get(query("SELECT COUNT() FROM Contact")));
    assertThat(r.toString()).isEqualTo("{\"totalSize\":" + live + ",\"done\":true,\"records\":[]}");
  }

  @Test
  void queryAllAlsoSeesTheRecycleBin() {
    String id =
        json(rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"Binned\"}"))
            .get("id")
            .asText();
    rest.send("DELETE", V + "/sobjects/Contact/" + id, null);
    String soql = "SELECT Id, IsDeleted FROM Contact WHERE Id = '" + id + "'";
    assertThat(json(rest.get(query(soql))).get("totalSize").asInt()).isZero();
    JsonNode all = json(rest.get(V + "/queryAll?q=" + enc(soql)));
    assertThat(all.get("totalSize").asInt()).isEqualTo(1);
    assertThat(all.get("records").get(0).get("IsDeleted").asBoolean()).isTrue();

    JsonNode page =
        json(
            rest.get(
                V + "/queryAll?q=" + enc("SELECT Id FROM Contact"),
                "Sforce-Query-Options",
                "batchSize=200"));
    String next = page.get("nextRecordsUrl").asText();
    assertThat(next).startsWith(V + "/queryAll/01g");
    assertThat(json(rest.get(next)).get("records").size()).isEqualTo(200);
  }

  @Test
  void queryErrorsAreSalesforceShaped() {
    HttpResponse<String> r = rest.get(V + "/query");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"A query string has to be specified\",\"errorCode\":\"MALFORMED_QUERY\"}]");

    r = rest.get(query("SELECT Shoe__c FROM Contact"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");

    r = rest.get(query("SELECT Id FROM Nothing__c"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");

    r = rest.get(query("SELEKT Id FROM Contact"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");

    for (String locator : List.of("01g8d0000000999AAA-200", "garbage", "01g8d0000000001AAA-x")) {
      r = rest.get(V + "/query/" + locator);
      assertThat(r.statusCode()).as(locator).isEqualTo(400);
      assertThat(json(r).toString())
          .as(locator)
          .isEqualTo(
              "[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]");
    }
  }

  @Test
  void cursorsBelongToTheirUserAndAreBounded() {
    String first = openCursor(rest);
    assertThat(rest.get(first).statusCode()).isEqualTo(200);

    RestClient other = new RestClient(sim, sim.issueToken(sim.org().userId(2)));
    assertThat(other.get(first).statusCode()).isEqualTo(400);

    List<String> more = new ArrayList<>();
    for (int i = 0; i < QueryCursors.PER_USER; i++) {
      more.add(openCursor(rest));
    }
    HttpResponse<String> evicted = rest.get(first);
    assertThat(evicted.statusCode()).isEqualTo(400);
    assertThat(json(evicted).get(0).get("errorCode").asText()).isEqualTo("INVALID_QUERY_LOCATOR");
    assertThat(rest.get(more.get(more.size() - 1)).statusCode()).isEqualTo(200);

    String idle = openCursor(rest);
    sim.org().clock().advance(Duration.ofMinutes(16));
    assertThat(rest.get(idle).statusCode()).isEqualTo(400);
  }

  private static String openCursor(RestClient client) {
    JsonNode page =
        json(client.get(query("SELECT Id FROM Contact"), "Sforce-Query-Options", "batchSize=200"));
    return page.get("nextRecordsUrl").asText();
  }

  private static String query(String soql) {
    return V + "/query?q=" + enc(soql);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
