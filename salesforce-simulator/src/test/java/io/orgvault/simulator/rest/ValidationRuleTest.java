package io.orgvault.simulator.rest;

import static io.orgvault.simulator.rest.RestClient.V;
import static io.orgvault.simulator.rest.RestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.org.ValidationRule;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Validation rules fail REST and sObject Collections writes the way Salesforce reports them. */
class ValidationRuleTest extends RestFixture {
  private static final String COLLECTIONS = V + "/composite/sobjects";
  private ValidationRule rule;

  @BeforeEach
  void addRule() {
    rule =
        sim.org()
            .addValidationRule(
                "Contact",
                "No_Test_Titles",
                r -> "Rejected".equals(r.get("Title")),
                "Title may not be Rejected",
                "Title");
  }

  @AfterEach
  void removeRule() {
    sim.org().removeValidationRule(rule);
  }

  @Test
  void aSingleCreateFailsWithTheRulesMessageAndField() {
    HttpResponse<String> r =
        rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"V1\",\"Title\":\"Rejected\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).toString())
        .isEqualTo(
            "[{\"message\":\"Title may not be Rejected\",\"errorCode\":"
                + "\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"fields\":[\"Title\"]}]");
    HttpResponse<String> ok =
        rest.send("POST", V + "/sobjects/Contact", "{\"LastName\":\"V1\",\"Title\":\"Fine\"}");
    assertThat(ok.statusCode()).isEqualTo(201);
  }

  @Test
  void anUpdateIsCheckedOnTheValuesTheRecordWouldHave() {
    String id = sim.org().table("Contact").id(0);
    HttpResponse<String> r =
        rest.send("PATCH", V + "/sobjects/Contact/" + id, "{\"Title\":\"Rejected\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText())
        .isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
    assertThat(sim.org().table("Contact").value(0, "Title")).isNotEqualTo("Rejected");
  }

  @Test
  void collectionsReportTheRuleOnTheFailingRecordOnly() {
    HttpResponse<String> r =
        rest.send(
            "POST",
            COLLECTIONS,
            "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"A\",\"Title\":\"Rejected\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"B\"}]}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode results = json(r);
    assertThat(results.get(0).toString())
        .isEqualTo(
            "{\"success\":false,\"errors\":[{\"statusCode\":\"FIELD_CUSTOM_VALIDATION_EXCEPTION\","
                + "\"message\":\"Title may not be Rejected\",\"fields\":[\"Title\"]}]}");
    assertThat(results.get(1).get("success").asBoolean()).isTrue();
  }

  @Test
  void aRuleWithoutAFieldNamesNone() {
    ValidationRule page =
        sim.org()
            .addValidationRule(
                "Account", "Top", r -> "Bad".equals(r.get("Name")), "No bad names", null);
    try {
      HttpResponse<String> r = rest.send("POST", V + "/sobjects/Account", "{\"Name\":\"Bad\"}");
      assertThat(json(r).toString())
          .isEqualTo(
              "[{\"message\":\"No bad names\",\"errorCode\":"
                  + "\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"fields\":[]}]");
    } finally {
      sim.org().removeValidationRule(page);
    }
  }

  @Test
  void collectionsUpsertInsertsThenUpdatesByExternalIdAndSaysWhichWasCreated() {
    String body =
        "{\"allOrNone\":false,\"records\":["
            + "{\"attributes\":{\"type\":\"Account\"},\"AccountNumber\":\"UPS-1\",\"Name\":\"One\"},"
            + "{\"attributes\":{\"type\":\"Account\"},\"AccountNumber\":\"UPS-2\",\"Name\":\"Two\"}]}";
    JsonNode first = json(rest.send("PATCH", COLLECTIONS + "/Account/AccountNumber", body));
    assertThat(first.get(0).get("created").asBoolean()).isTrue();
    assertThat(first.get(1).get("created").asBoolean()).isTrue();
    JsonNode second =
        json(
            rest.send("PATCH", COLLECTIONS + "/Account/AccountNumber", body.replace("One", "Uno")));
    assertThat(second.get(0).get("created").asBoolean()).isFalse();
    assertThat(second.get(0).get("id").asText()).isEqualTo(first.get(0).get("id").asText());
    JsonNode account = json(rest.get(V + "/sobjects/Account/" + first.get(0).get("id").asText()));
    assertThat(account.get("Name").asText()).isEqualTo("Uno");
  }

  @Test
  void collectionsUpsertRefusesAFieldThatIsNoExternalId() {
    HttpResponse<String> r =
        rest.send(
            "PATCH",
            COLLECTIONS + "/Account/Name",
            "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Name\":\"x\"}]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("INVALID_FIELD");
  }
}
