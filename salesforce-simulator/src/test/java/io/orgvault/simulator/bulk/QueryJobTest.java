package io.orgvault.simulator.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.org.DmlResult;
import io.orgvault.simulator.org.ObjectTable;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryJobTest extends BulkFixture {
  private JsonNode create(String operation, String soql, String options) throws Exception {
    String body =
        BulkClient.JSON
            .createObjectNode()
            .put("operation", operation)
            .put("query", soql)
            .toString();
    if (options != null) {
      body = body.substring(0, body.length() - 1) + "," + options + "}";
    }
    return client.ok(client.json("POST", "jobs/query", body));
  }

  private String completed(String operation, String soql, String options) throws Exception {
    String id = create(operation, soql, options).get("id").asText();
    JsonNode done = client.awaitDone("query", id);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("JobComplete");
    return id;
  }

  private Set<String> liveIds(String object, boolean withRecycled) {
    ObjectTable t = sim.org().table(object);
    Set<String> ids = new HashSet<>();
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r) || withRecycled && t.isRecycled(r)) {
        ids.add(t.id(r));
      }
    }
    return ids;
  }

  /** Fetches every result set by following the locators; every record arrives exactly once. */
  private List<Map<String, String>> fetchAll(
      String id, int maxRecords, char delimiter, String lineEnding) throws Exception {
    List<Map<String, String>> all = new java.util.ArrayList<>();
    String locator = null;
    int sets = 0;
    do {
      String q = "?maxRecords=" + maxRecords + (locator == null ? "" : "&locator=" + locator);
      HttpResponse<String> r = client.get("jobs/query/" + id + "/results" + q);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv");
      List<Map<String, String>> rows = BulkClient.csv(r.body(), delimiter, lineEnding);
      int n = Integer.parseInt(r.headers().firstValue("Sforce-NumberOfRecords").orElseThrow());
      assertThat(rows).hasSize(n);
      assertThat(n).isLessThanOrEqualTo(maxRecords);
      all.addAll(rows);
      locator = r.headers().firstValue("Sforce-Locator").orElseThrow();
      sets++;
    } while (!locator.equals("null"));
    assertThat(sets).isGreaterThan(1);
    return all;
  }

  @Test
  void aQueryJobRunsInTheBackgroundAndItsResultsPageByLocator() throws Exception {
    String soql = "SELECT Id, LastName, Account.Name, CreatedDate, Birthdate FROM Contact";
    JsonNode created = create("query", soql, null);
    String id = created.get("id").asText();
    assertThat(id).startsWith("750").hasSize(18);
    assertThat(created.get("operation").asText()).isEqualTo("query");
    assertThat(created.get("object").asText()).isEqualTo("Contact");
    assertThat(created.get("createdById").asText()).isEqualTo(sim.org().integrationUserId());
    assertThat(created.get("state").asText()).isEqualTo("UploadComplete");
    assertThat(created.get("concurrencyMode").asText()).isEqualTo("Parallel");
    assertThat(created.get("contentType").asText()).isEqualTo("CSV");
    assertThat(created.get("apiVersion").asDouble()).isEqualTo(60.0);
    assertThat(created.get("lineEnding").asText()).isEqualTo("LF");
    assertThat(created.get("columnDelimiter").asText()).isEqualTo("COMMA");

    JsonNode done = client.awaitDone("query", id);
    assertThat(done.get("state").asText()).isEqualTo("JobComplete");
    assertThat(done.get("jobType").asText()).isEqualTo("V2Query");
    Set<String> expected = liveIds("Contact", false);
    assertThat(done.get("numberRecordsProcessed").asInt()).isEqualTo(expected.size());
    assertThat(done.get("retries").asInt()).isZero();
    assertThat(done.has("totalProcessingTime")).isTrue();

    HttpResponse<String> first = client.get("jobs/query/" + id + "/results?maxRecords=700");
    assertThat(first.body())
        .startsWith("\"Id\",\"LastName\",\"Account.Name\",\"CreatedDate\",\"Birthdate\"\n");

    List<Map<String, String>> rows = fetchAll(id, 700, ',', "\n");
    Set<String> seen = new HashSet<>();
    for (Map<String, String> row : rows) {
      assertThat(seen.add(row.get("Id"))).as("duplicate " + row.get("Id")).isTrue();
    }
    assertThat(seen).isEqualTo(expected);
    Map<String, String> any = rows.get(0);
    ObjectTable contacts = sim.org().table("Contact");
    int r = contacts.rowOf(any.get("Id"));
    assertThat(any.get("LastName")).isEqualTo(contacts.value(r, "LastName"));
    assertThat(any.get("CreatedDate"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(rows)
        .anySatisfy(m -> assertThat(m.get("Account.Name")).isNotEmpty())
        .allSatisfy(m -> assertThat(m.get("Birthdate")).matches("(\\d{4}-\\d\\d-\\d\\d)?"));

    // A locator can be read again; the default set holds every remaining record.
    HttpResponse<String> all = client.get("jobs/query/" + id + "/results");
    assertThat(all.headers().firstValue("Sforce-NumberOfRecords"))
        .hasValue(Integer.toString(expected.size()));
    assertThat(all.headers().firstValue("Sforce-Locator")).hasValue("null");

    // With Accept-Encoding: gzip the same set arrives compressed.
    HttpResponse<byte[]> gz = client.gzip("jobs/query/" + id + "/results?maxRecords=700");
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(first.body());
    }

    JsonNode list = client.ok(client.get("jobs/query"));
    assertThat(list.get("records")).anySatisfy(j -> assertThat(j.get("id").asText()).isEqualTo(id));
    assertThat(
            client.send("DELETE", BulkClient.path(60, "jobs/query/" + id), null, null).statusCode())
        .isEqualTo(204);
    assertThat(
            BulkClient.error(client.get("jobs/query/" + id + "/results"), 404)
                .get("errorCode")
                .asText())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void queryAllAlsoReturnsRecycledRows() throws Exception {
    ObjectTable cases = sim.org().table("Case");
    String deleted = cases.id(5);
    DmlResult d = sim.org().delete(deleted, sim.org().integrationUserId());
    assertThat(d.success()).isTrue();
    String soql = "SELECT Id, IsDeleted FROM Case";
    List<Map<String, String>> live = fetchAll(completed("query", soql, null), 100, ',', "\n");
    List<Map<String, String>> all = fetchAll(completed("queryAll", soql, null), 100, ',', "\n");
    assertThat(live).extracting(m -> m.get("Id")).doesNotContain(deleted);
    assertThat(all)
        .filteredOn(m -> m.get("Id").equals(deleted))
        .singleElement()
        .satisfies(m -> assertThat(m.get("IsDeleted")).isEqualTo("true"));
    assertThat(all).hasSize(liveIds("Case", true).size());
    assertThat(live).hasSize(liveIds("Case", false).size());
  }

  @Test
  void resultsFollowTheJobsDelimiterAndLineEnding() throws Exception {
    String id =
        completed(
            "query",
            "SELECT Id, Name, Description FROM Account",
            "\"columnDelimiter\":\"PIPE\",\"lineEnding\":\"CRLF\"");
    HttpResponse<String> r = client.get("jobs/query/" + id + "/results");
    assertThat(r.body()).startsWith("\"Id\"|\"Name\"|\"Description\"\r\n");
    assertThat(r.body().replace("\r\n", "")).doesNotContain("\n");
    List<Map<String, String>> rows = BulkClient.csv(r.body(), '|', "\r\n");
    assertThat(rows)
        .extracting(m -> m.get("Id"))
        .containsExactlyInAnyOrderElementsOf(liveIds("Account", false));
  }

  @Test
  void resultsAskForTheJobsApiVersionAndACompletedJob() throws Exception {
    String id = completed("query", "SELECT Id FROM Account", null);
    HttpResponse<String> other =
        client.send("GET", BulkClient.path(59, "jobs/query/" + id + "/results"), null, null);
    BulkClient.error(other, 409);

    JsonNode fresh = create("query", "SELECT Id FROM Account", null);
    String abortedId = fresh.get("id").asText();
    JsonNode aborted =
        client.ok(client.json("PATCH", "jobs/query/" + abortedId, "{\"state\":\"Aborted\"}"));
    assertThat(aborted.get("state").asText()).isEqualTo("Aborted");
    BulkClient.error(client.get("jobs/query/" + abortedId + "/results"), 400);
    JsonNode again =
        BulkClient.error(
            client.json("PATCH", "jobs/query/" + abortedId, "{\"state\":\"Aborted\"}"), 400);
    assertThat(again.get("errorCode").asText()).isEqualTo("INVALIDJOBSTATE");
    BulkClient.error(client.get("jobs/query/" + id + "/results?locator=bogus!"), 400);
    BulkClient.error(client.get("jobs/query/" + id + "/results?maxRecords=0"), 400);
  }

  @Test
  void queriesBulkApiCannotRunAreRefused() throws Exception {
    for (String soql :
        List.of(
            "SELECT COUNT() FROM Contact",
            "SELECT Id FROM Contact LIMIT 10 OFFSET 5",
            "SELECT AccountId, COUNT(Id) FROM Contact GROUP BY AccountId",
            "SELECT Id, (SELECT Id FROM Contacts) FROM Account",
            "SELECT Id, Body FROM Attachment")) {
      JsonNode e = BulkClient.error(client.json("POST", "jobs/query", body(soql)), 400);
      assertThat(e.get("errorCode").asText()).as(soql).isEqualTo("API_ERROR");
    }
    JsonNode entity =
        BulkClient.error(
            client.json("POST", "jobs/query", body("SELECT Id FROM ContentDocumentLink")), 400);
    assertThat(entity.get("errorCode").asText()).isEqualTo("INVALIDENTITY");
    JsonNode field =
        BulkClient.error(
            client.json("POST", "jobs/query", body("SELECT Nope__c FROM Contact")), 400);
    assertThat(field.get("errorCode").asText()).isEqualTo("INVALID_FIELD");
    JsonNode op =
        BulkClient.error(
            client.json(
                "POST",
                "jobs/query",
                "{\"operation\":\"select\",\"query\":\"SELECT Id FROM Contact\"}"),
            400);
    assertThat(op.get("message").asText())
        .isEqualTo("Invalid value: 'select' supplied for property: 'operation'");
    // A keyword inside a string literal is only text.
    completed("query", "SELECT Id FROM Contact WHERE LastName = 'OFFSET GROUP BY'", null);
  }

  private static String body(String soql) {
    return BulkClient.JSON
        .createObjectNode()
        .put("operation", "query")
        .put("query", soql)
        .toString();
  }
}
