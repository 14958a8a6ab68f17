package io.orgvault.simulator.rest;

import static io.orgvault.simulator.rest.RestClient.V;
import static io.orgvault.simulator.rest.RestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.org.ObjectTable;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

class CompositeCollectionsTest extends RestFixture {
  private static final String URL = V + "/composite/sobjects";
  private static final String ROLLED_BACK =
      "{\"success\":false,\"errors\":[{\"statusCode\":\"ALL_OR_NONE_OPERATION_ROLLED_BACK\","
          + "\"message\":\"Record rolled back because not all records were valid and the request"
          + " was using AllOrNone header\",\"fields\":[]}]}";

  @Test
  void createsRecordsOfSeveralTypesInInputOrder() {
    String account = sim.org().table("Account").id(0);
    HttpResponse<String> r =
        rest.send(
            "POST",
            URL,
            "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Coll A\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"Coll C\",\"AccountId\":\""
                + account
                + "\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Coll B\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode results = json(r);
    assertThat(results.size()).isEqualTo(3);
    assertThat(results.get(0).get("id").asText()).startsWith("001");
    assertThat(results.get(1).get("id").asText()).startsWith("003");
    assertThat(results.get(2).get("id").asText()).startsWith("001");
    assertThat(results.get(1).toString())
        .isEqualTo(
            "{\"id\":\""
                + results.get(1).get("id").asText()
                + "\",\"success\":true,\"errors\":[]}");
    JsonNode contact = json(rest.get(V + "/sobjects/Contact/" + results.get(1).get("id").asText()));
    assertThat(contact.get("AccountId").asText()).isEqualTo(account);
  }

  @Test
  void withoutAllOrNoneValidRecordsAreWrittenAndInvalidOnesReported() {
    ObjectTable accounts = sim.org().table("Account");
    int before = accounts.size();
    HttpResponse<String> r =
        rest.send(
            "POST",
            URL,
            "{\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Partial 1\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Rating\":\"Hot\"},"
                + "{\"attributes\":{\"type\":\"Nope__c\"},\"Name\":\"x\"},"
                + "{\"Name\":\"untyped\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode results = json(r);
    assertThat(results.get(0).get("success").asBoolean()).isTrue();
    assertThat(results.get(1).toString())
        .isEqualTo(
            "{\"success\":false,\"errors\":[{\"statusCode\":\"REQUIRED_FIELD_MISSING\","
                + "\"message\":\"Required fields are missing: [Name]\",\"fields\":[\"Name\"]}]}");
    assertThat(results.get(2).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("INVALID_TYPE");
    assertThat(results.get(3).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("INVALID_TYPE");
    assertThat(accounts.size()).isEqualTo(before + 1);
  }

  @Test
  void allOrNoneCreateWritesNothingWhenOneRecordFails() {
    ObjectTable accounts = sim.org().table("Account");
    int before = accounts.size();
    HttpResponse<String> r =
        rest.send(
            "POST",
            URL,
            "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"All 1\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"All 2\",\"Website\":\""
                + "x".repeat(300)
                + "\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"All 3\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode results = json(r);
    assertThat(results.get(0).toString()).isEqualTo(ROLLED_BACK);
    assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("STRING_TOO_LONG");
    assertThat(results.get(1).get("errors").get(0).get("fields").toString())
        .isEqualTo("[\"Website\"]");
    assertThat(results.get(2).toString()).isEqualTo(ROLLED_BACK);
    assertThat(accounts.size()).isEqualTo(before);
  }

  @Test
  void allOrNoneUpdateAndDeleteLeaveEveryRecordAsItWas() {
    ObjectTable contacts = sim.org().table("Contact");
    String a = contacts.id(10);
    String b = contacts.id(11);
    String titleA = (String) contacts.value(10, "Title");
    long stampA = contacts.systemModstamp(10);
    HttpResponse<String> r =
        rest.send(
            "PATCH",
            URL,
            "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Contact\"},\"id\":\""
                + a
                + "\",\"Title\":\"Changed\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"id\":\""
                + b
                + "\",\"LastName\":null}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode results = json(r);
    assertThat(results.get(0).toString()).isEqualTo(ROLLED_BACK);
    assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("REQUIRED_FIELD_MISSING");
    assertThat(contacts.value(10, "Title")).isEqualTo(titleA);
    assertThat(contacts.systemModstamp(10)).isEqualTo(stampA);

    String gone = contacts.id(12);
    assertThat(rest.send("DELETE", V + "/sobjects/Contact/" + gone, null).statusCode())
        .isEqualTo(204);
    HttpResponse<String> d =
        rest.send("DELETE", URL + "?allOrNone=true&ids=" + a + "," + gone + "," + b, null);
    assertThat(d.statusCode()).isEqualTo(200);
    JsonNode del = json(d);
    assertThat(del.get(0).toString()).isEqualTo(ROLLED_BACK);
    assertThat(del.get(1).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("ENTITY_IS_DELETED");
    assertThat(del.get(2).toString()).isEqualTo(ROLLED_BACK);
    assertThat(contacts.isLive(10)).isTrue();
    assertThat(contacts.isLive(11)).isTrue();
  }

  @Test
  void updatesAndDeletesWithoutAllOrNone() {
    ObjectTable contacts = sim.org().table("Contact");
    String a = contacts.id(20);
    String b = contacts.id(21);
    HttpResponse<String> r =
        rest.send(
            "PATCH",
            URL,
            "{\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"id\":\""
                + a
                + "\",\"Title\":\"Coll Title\"},{\"attributes\":{\"type\":\"Contact\"},\"Title\":\"x\"}]}");
    JsonNode results = json(r);
    assertThat(results.get(0).toString())
        .isEqualTo("{\"id\":\"" + a + "\",\"success\":true,\"errors\":[]}");
    assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("MISSING_ARGUMENT");
    assertThat(contacts.value(20, "Title")).isEqualTo("Coll Title");

    JsonNode del = json(rest.send("DELETE", URL + "?ids=" + a + "," + b + ",garbage", null));
    assertThat(del.get(0).toString())
        .isEqualTo("{\"id\":\"" + a + "\",\"success\":true,\"errors\":[]}");
    assertThat(del.get(1).get("success").asBoolean()).isTrue();
    assertThat(del.get(2).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("MALFORMED_ID");
    assertThat(contacts.isRecycled(20)).isTrue();
    assertThat(contacts.isRecycled(21)).isTrue();
  }

  @Test
  void moreThan200RecordsIsRefused() {
    StringJoiner records = new StringJoiner(",", "{\"records\":[", "]}");
    for (int i = 0; i < 201; i++) {
      records.add("{\"attributes\":{\"type\":\"Account\"},\"Name\":\"N" + i + "\"}");
    }
    HttpResponse<String> r = rest.send("POST", URL, records.toString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"record limit reached. cannot submit more than 200 records into this"
                + " call\",\"errorCode\":\"EXCEEDED_ID_LIMIT\"}]");

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      ids.add(sim.org().table("Task").id(i));
    }
    r = rest.send("DELETE", URL + "?ids=" + String.join(",", ids), null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
  }

  @Test
  void malformedBodiesAreParserErrors() {
    HttpResponse<String> r = rest.send("POST", URL, "{\"records\":[{\"attributes\":");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");

    r =
        rest.send(
            "POST",
            URL,
            "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"A\","
                + "\"AnnualRevenue\":\"lots\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("message").asText())
        .startsWith("Cannot deserialize instance of double from VALUE_STRING value lots");
  }

  @Test
  void retrievesSeveralRecordsWithNullForMissingOnes() {
    ObjectTable accounts = sim.org().table("Account");
    String a = accounts.id(0);
    String missing = io.orgvault.simulator.org.SalesforceId.of("001", accounts.size() + 50L);
    HttpResponse<String> r =
        rest.get(URL + "/Account?ids=" + a + "," + missing + "&fields=Name,Id");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode list = json(r);
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.get(0).toString())
        .isEqualTo(
            "{\"attributes\":{\"type\":\"Account\",\"url\":\""
                + V
                + "/sobjects/Account/"
                + a
                + "\"},\"Name\":"
                + RestClient.JSON.valueToTree(accounts.value(0, "Name"))
                + ",\"Id\":\""
                + a
                + "\"}");
    assertThat(list.get(1).isNull()).isTrue();
  }

  @Test
  void aFailureOnlyTheWriteFindsIsUndoneToo() {
    // Both deletes pass the check; the second fails when run, so the first is undeleted.
    ObjectTable accounts = sim.org().table("Account");
    ObjectTable contacts = sim.org().table("Contact");
    int accountRow = 5;
    String account = accounts.id(accountRow);
    List<Integer> children = new ArrayList<>();
    for (int r = 0; r < contacts.size(); r++) {
      if (contacts.isLive(r) && account.equals(contacts.value(r, "AccountId"))) {
        children.add(r);
      }
    }
    HttpResponse<String> r =
        rest.send("DELETE", URL + "?allOrNone=true&ids=" + account + "," + account, null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode results = json(r);
    assertThat(results.get(0).toString()).isEqualTo(ROLLED_BACK);
    assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
        .isEqualTo("ENTITY_IS_DELETED");
    assertThat(accounts.isLive(accountRow)).isTrue();
    for (int child : children) {
      assertThat(contacts.isLive(child)).as("cascaded contact restored").isTrue();
    }
  }
}
