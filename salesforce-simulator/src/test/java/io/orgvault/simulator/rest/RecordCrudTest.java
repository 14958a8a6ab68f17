package io.orgvault.simulator.rest;

import static io.orgvault.simulator.rest.RestClient.V;
import static io.orgvault.simulator.rest.RestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.org.ObjectTable;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCrudTest extends RestFixture {
  private static final String REST_DATETIME =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000";

  @Test
  void createGetUpdateDeleteRoundTrip() {
    HttpResponse<String> created =
        rest.send(
            "POST",
            V + "/sobjects/Account",
            "{\"Name\":\"Round Trip Ltd\",\"NumberOfEmployees\":42,\"AnnualRevenue\":1500.5,"
                + "\"Rating\":\"Warm\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode result = json(created);
    String id = result.get("id").asText();
    assertThat(id).startsWith("001").hasSize(18);
    assertThat(result.toString())
        .isEqualTo("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");

    JsonNode record = json(rest.get(V + "/sobjects/Account/" + id));
    assertThat(record.get("attributes").toString())
        .isEqualTo("{\"type\":\"Account\",\"url\":\"" + V + "/sobjects/Account/" + id + "\"}");
    Iterator<String> names = record.fieldNames();
    assertThat(names.next()).isEqualTo("attributes");
    assertThat(names.next()).isEqualTo("Id");
    assertThat(record.get("Id").asText()).isEqualTo(id);
    assertThat(record.get("Name").asText()).isEqualTo("Round Trip Ltd");
    assertThat(record.get("NumberOfEmployees").isInt()).isTrue();
    assertThat(record.get("NumberOfEmployees").asInt()).isEqualTo(42);
    assertThat(record.get("AnnualRevenue").isDouble()).isTrue();
    assertThat(record.get("AnnualRevenue").asDouble()).isEqualTo(1500.5);
    assertThat(record.get("IsDeleted").isBoolean()).isTrue();
    assertThat(record.get("Industry").isNull()).isTrue();
    assertThat(record.get("CreatedDate").asText()).matches(REST_DATETIME);
    assertThat(record.get("SystemModstamp").asText()).matches(REST_DATETIME);
    assertThat(record.get("OwnerId").asText()).isEqualTo(sim.org().integrationUserId());
    assertThat(record.get("CreatedById").asText()).isEqualTo(sim.org().integrationUserId());

    JsonNode some = json(rest.get(V + "/sobjects/Account/" + id + "?fields=Name,Rating"));
    assertThat(some.toString())
        .isEqualTo(
            "{\"attributes\":{\"type\":\"Account\",\"url\":\""
                + V
                + "/sobjects/Account/"
                + id
                + "\"},\"Name\":\"Round Trip Ltd\",\"Rating\":\"Warm\"}");

    HttpResponse<String> patched =
        rest.send(
            "PATCH",
            V + "/sobjects/Account/" + id,
            "{\"Name\":\"Renamed Ltd\",\"NumberOfEmployees\":\"43\",\"Rating\":null}");
    assertThat(patched.statusCode()).isEqualTo(204);
    assertThat(patched.body()).isEmpty();
    JsonNode after = json(rest.get(V + "/sobjects/account/" + id.substring(0, 15)));
    assertThat(after.get("Name").asText()).isEqualTo("Renamed Ltd");
    assertThat(after.get("NumberOfEmployees").asInt()).isEqualTo(43);
    assertThat(after.get("Rating").isNull()).isTrue();

    HttpResponse<String> deleted = rest.send("DELETE", V + "/sobjects/Account/" + id, null);
    assertThat(deleted.statusCode()).isEqualTo(204);

    HttpResponse<String> gone = rest.get(V + "/sobjects/Account/" + id);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(json(gone).toString())
        .isEqualTo(
            "[{\"message\":\"entity is deleted\",\"errorCode\":\"ENTITY_IS_DELETED\",\"fields\":[]}]");
    assertThat(rest.send("DELETE", V + "/sobjects/Account/" + id, null).statusCode())
        .isEqualTo(404);
    assertThat(rest.send("PATCH", V + "/sobjects/Account/" + id, "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void writesRunAsTheSessionUser() {
    String user = sim.org().userId(3);
    RestClient asUser = new RestClient(sim, sim.issueToken(user));
    String id =
        json(asUser.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"Owned\"}"))
            .get("id")
            .asText();
    JsonNode c = json(rest.get(V + "/sobjects/Contact/" + id));
    assertThat(c.get("OwnerId").asText()).isEqualTo(user);
    assertThat(c.get("CreatedById").asText()).isEqualTo(user);
    assertThat(c.get("LastModifiedById").asText()).isEqualTo(user);
    rest.send("PATCH", V + "/sobjects/Contact/" + id, "{\"Title\":\"Boss\"}");
    assertThat(json(rest.get(V + "/sobjects/Contact/" + id)).get("LastModifiedById").asText())
        .isEqualTo(sim.org().integrationUserId());
  }

  @Test
  void unknownRecordsAreNotFound() {
    ObjectTable accounts = sim.org().table("Account");
    String missing = io.orgvault.simulator.org.SalesforceId.of("001", accounts.size() + 1000L);
    HttpResponse<String> r = rest.get(V + "/sobjects/Account/" + missing);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");

    String contactId = sim.org().table("Contact").id(0);
    assertThat(rest.get(V + "/sobjects/Account/" + contactId).statusCode()).isEqualTo(404);

    r = rest.get(V + "/sobjects/Account/notAnId");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"Provided external ID field does not exist or is not accessible:"
                + " notAnId\",\"errorCode\":\"NOT_FOUND\"}]");
  }

  @Test
  void dmlErrorsComeBackAsSalesforceErrorArrays() {
    HttpResponse<String> r = rest.send("POST", V + "/sobjects/Contact", "{\"FirstName\":\"No\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"Required fields are missing: [LastName]\","
                + "\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"LastName\"]}]");

    r = rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"X\",\"Shoe__c\":\"42\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
    assertThat(json(r).get(0).get("fields").toString()).isEqualTo("[\"Shoe__c\"]");

    r = rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"X\",\"Email\":\"nope\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("INVALID_EMAIL_ADDRESS");

    r =
        rest.send(
            "POST",
            V + "/sobjects/Contact",
            "{\"LastName\":\"X\",\"AccountId\":\"" + sim.org().table("Case").id(0) + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("INVALID_CROSS_REFERENCE_KEY");

    r =
        rest.send(
            "POST",
            V + "/sobjects/Contact",
            "{\"LastName\":\"X\",\"Id\":\"" + sim.org().table("Contact").id(0) + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"The Id field should not be specified in the sobject data.\","
                + "\"errorCode\":\"INVALID_FIELD\",\"fields\":[\"Id\"]}]");

    r = rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"X\",\"CreatedDate\":null}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText())
        .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
  }

  @Test
  void bodiesThatAreNotJsonOrHaveWrongTypesAreParserErrors() {
    HttpResponse<String> r = rest.send("POST", V + "/sobjects/Account", "{\"Name\": ");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");
    assertThat(json(r).get(0).has("fields")).isFalse();

    r = rest.send("POST", V + "/sobjects/Account", "");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");

    r = rest.send("POST", V + "/sobjects/Account", "[1,2]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("JSON_PARSER_ERROR");

    r =
        rest.send(
            "POST", V + "/sobjects/Account", "{\"Name\":\"A\",\"NumberOfEmployees\":\"many\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"Cannot deserialize instance of int from VALUE_STRING value many or"
                + " request may be missing a required field at [line:1, column:33]\","
                + "\"errorCode\":\"JSON_PARSER_ERROR\"}]");

    r = rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"A\",\"Birthdate\":17}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("message").asText())
        .startsWith("Cannot deserialize instance of date from VALUE_NUMBER_INT value 17");

    r =
        rest.send(
            "POST",
            V + "/sobjects/Contact",
            "{\"LastName\":\"A\",\"HasOptedOutOfEmail\":{\"x\":1}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("message").asText())
        .startsWith("Cannot deserialize instance of boolean from START_OBJECT value {");

    r = rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"A\",\"Title\":7}");
    assertThat(r.statusCode()).as("a number is fine for text").isEqualTo(201);
  }

  @Test
  void upsertByExternalIdCreatesThenUpdates() {
    String url = V + "/sobjects/Account/AccountNumber/EXT-0001";
    HttpResponse<String> first = rest.send("PATCH", url, "{\"Name\":\"Upserted\"}");
    assertThat(first.statusCode()).isEqualTo(201);
    String id = json(first).get("id").asText();
    assertThat(json(first).toString())
        .isEqualTo("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[],\"created\":true}");

    HttpResponse<String> second = rest.send("PATCH", url, "{\"Name\":\"Upserted again\"}");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second).toString())
        .isEqualTo("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[],\"created\":false}");

    HttpResponse<String> old =
        rest.send(
            "PATCH",
            "/services/data/v45.0/sobjects/Account/AccountNumber/EXT-0001",
            "{\"Name\":\"Upserted on v45\"}");
    assertThat(old.statusCode()).isEqualTo(204);

    JsonNode byExt = json(rest.get(url));
    assertThat(byExt.get("Id").asText()).isEqualTo(id);
    assertThat(byExt.get("Name").asText()).isEqualTo("Upserted on v45");
    assertThat(byExt.get("AccountNumber").asText()).isEqualTo("EXT-0001");

    HttpResponse<String> updateOnly =
        rest.send(
            "PATCH",
            V + "/sobjects/Account/AccountNumber/EXT-404?updateOnly=true",
            "{\"Name\":\"Never\"}");
    assertThat(updateOnly.statusCode()).isEqualTo(404);

    assertThat(rest.send("PATCH", V + "/sobjects/Account/Name/Acme", "{}").statusCode())
        .as("Name is not an external id")
        .isEqualTo(404);

    String slashed =
        V + "/sobjects/Account/AccountNumber/" + URLEncoder.encode("A/B 1", StandardCharsets.UTF_8);
    assertThat(rest.send("PATCH", slashed.replace("+", "%20"), "{\"Name\":\"Slash\"}").statusCode())
        .isEqualTo(201);
    assertThat(
            json(rest.get(V + "/sobjects/Account/AccountNumber/A%2FB%201"))
                .get("AccountNumber")
                .asText())
        .isEqualTo("A/B 1");

    assertThat(rest.send("DELETE", url, null).statusCode()).isEqualTo(204);
    assertThat(rest.get(url).statusCode()).isEqualTo(404);
  }

  @Test
  void severalMatchesForAnExternalIdAre300WithTheirUrls() {
    String a =
        json(rest.send(
                "POST", V + "/sobjects/Account", "{\"Name\":\"D1\",\"AccountNumber\":\"DUP\"}"))
            .get("id")
            .asText();
    String b =
        json(rest.send(
                "POST", V + "/sobjects/Account", "{\"Name\":\"D2\",\"AccountNumber\":\"DUP\"}"))
            .get("id")
            .asText();
    HttpResponse<String> r =
        rest.send("PATCH", V + "/sobjects/Account/AccountNumber/DUP", "{\"Name\":\"D\"}");
    assertThat(r.statusCode()).isEqualTo(300);
    assertThat(json(r).toString())
        .isEqualTo(
            "[\"" + V + "/sobjects/Account/" + a + "\",\"" + V + "/sobjects/Account/" + b + "\"]");
  }

  @Test
  void fileBodiesStreamAsBytesAndRecordsLinkToThem() {
    byte[] body = "hello, attachment\n".repeat(50).getBytes(StandardCharsets.UTF_8);
    String parent = sim.org().table("Account").id(0);
    HttpResponse<String> created =
        rest.send(
            "POST",
            V + "/sobjects/Attachment",
            "{\"ParentId\":\""
                + parent
                + "\",\"Name\":\"hello.txt\",\"ContentType\":\"text/plain\",\"Body\":\""
                + Base64.getEncoder().encodeToString(body)
                + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created).get("id").asText();

    JsonNode record = json(rest.get(V + "/sobjects/Attachment/" + id));
    assertThat(record.get("Body").asText()).isEqualTo(V + "/sobjects/Attachment/" + id + "/Body");
    assertThat(record.get("BodyLength").asInt()).isEqualTo(body.length);

    HttpResponse<byte[]> bytes = rest.getBytes(V + "/sobjects/Attachment/" + id + "/Body");
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(bytes.body()).isEqualTo(body);

    String cv = sim.org().table("ContentVersion").id(0);
    HttpResponse<byte[]> version =
        rest.getBytes(V + "/sobjects/ContentVersion/" + cv + "/VersionData");
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.headers().firstValue("Content-Type")).hasValue("application/octetstream");
    assertThat(version.body()).isEqualTo(sim.org().blob("ContentVersion", cv, "VersionData"));
    assertThat(version.headers().firstValue("Sforce-Limit-Info")).isPresent();

    assertThat(rest.getBytes(V + "/sobjects/ContentVersion/" + cv + "/Title").statusCode())
        .isEqualTo(404);
    assertThat(
            rest.getBytes(
                    V + "/sobjects/Attachment/" + sim.org().table("Attachment").id(0) + "/body")
                .statusCode())
        .isEqualTo(200);

    assertThat(rest.send("DELETE", V + "/sobjects/Attachment/" + id, null).statusCode())
        .isEqualTo(204);
    assertThat(rest.getBytes(V + "/sobjects/Attachment/" + id + "/Body").statusCode())
        .isEqualTo(404);
  }

  @Test
  void contentVersionsAreNotDeletable() {
    String cv = sim.org().table("ContentVersion").id(1);
    HttpResponse<String> r = rest.send("DELETE", V + "/sobjects/ContentVersion/" + cv, null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(List.of(json(r).get(0).get("errorCode").asText()))
        .containsExactly("INVALID_OPERATION");
  }
}
