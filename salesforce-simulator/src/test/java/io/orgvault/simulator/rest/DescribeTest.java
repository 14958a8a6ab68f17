package io.orgvault.simulator.rest;

import static io.orgvault.simulator.rest.RestClient.V;
import static io.orgvault.simulator.rest.RestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeTest extends RestFixture {
  @Test
  void describeGlobalListsEveryObjectWithItsCapabilities() {
    HttpResponse<String> r = rest.get(V + "/sobjects");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("encoding").asText()).isEqualTo("UTF-8");
    assertThat(body.get("maxBatchSize").asInt()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    body.get("sobjects").forEach(o -> names.add(o.get("name").asText()));
    assertThat(names)
        .containsExactly(
            "User",
            "Account",
            "Contact",
            "Opportunity",
            "Case",
            "Task",
            "ContentDocument",
            "ContentVersion",
            "ContentDocumentLink",
            "Attachment",
            "Project__c",
            "Milestone__c");
    JsonNode account = find(body.get("sobjects"), "Account");
    assertThat(account.get("label").asText()).isEqualTo("Account");
    assertThat(account.get("labelPlural").asText()).isEqualTo("Accounts");
    assertThat(account.get("keyPrefix").asText()).isEqualTo("001");
    for (String flag :
        List.of(
            "queryable",
            "createable",
            "updateable",
            "deletable",
            "undeletable",
            "replicateable",
            "retrieveable",
            "searchable",
            "layoutable",
            "triggerable")) {
      assertThat(account.get(flag).isBoolean()).as(flag).isTrue();
      assertThat(account.get(flag).asBoolean()).as(flag).isTrue();
    }
    assertThat(account.get("custom").asBoolean()).isFalse();
    assertThat(account.get("urls").get("sobject").asText()).isEqualTo(V + "/sobjects/Account");
    assertThat(account.get("urls").get("describe").asText())
        .isEqualTo(V + "/sobjects/Account/describe");
    assertThat(account.get("urls").get("rowTemplate").asText())
        .isEqualTo(V + "/sobjects/Account/{ID}");

    JsonNode project = find(body.get("sobjects"), "Project__c");
    assertThat(project.get("custom").asBoolean()).isTrue();
    JsonNode link = find(body.get("sobjects"), "ContentDocumentLink");
    assertThat(link.get("replicateable").asBoolean()).isFalse();
    JsonNode version = find(body.get("sobjects"), "ContentVersion");
    assertThat(version.get("deletable").asBoolean()).isFalse();
  }

  @Test
  void basicInformationHasTheObjectAndRecentItems() {
    HttpResponse<String> r = rest.get(V + "/sobjects/contact");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("objectDescribe").get("name").asText()).isEqualTo("Contact");
    JsonNode recent = body.get("recentItems");
    assertThat(recent.size()).isEqualTo(3);
    JsonNode item = recent.get(0);
    String id = item.get("Id").asText();
    assertThat(id).startsWith("003").hasSize(18);
    assertThat(item.get("attributes").toString())
        .isEqualTo("{\"type\":\"Contact\",\"url\":\"" + V + "/sobjects/Contact/" + id + "\"}");
    assertThat(item.get("Name").asText()).isNotBlank();
  }

  @Test
  void objectNamesAreCaseInsensitiveAndUnknownOnesAreNotFound() {
    assertThat(json(rest.get(V + "/sobjects/ACCOUNT/describe")).get("name").asText())
        .isEqualTo("Account");
    HttpResponse<String> r = rest.get(V + "/sobjects/Invoice__c/describe");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get(0).get("errorCode").asText()).isEqualTo("NOT_FOUND");
    assertThat(rest.get(V + "/sobjects/Invoice__c").statusCode()).isEqualTo(404);
  }

  @Test
  void describeGivesEveryFieldInFull() {
    JsonNode d = json(rest.get(V + "/sobjects/Contact/describe"));
    assertThat(d.get("name").asText()).isEqualTo("Contact");
    assertThat(d.get("keyPrefix").asText()).isEqualTo("003");
    assertThat(d.get("fields").size())
        .isEqualTo(sim.org().catalog().object("Contact").fields().size());

    JsonNode id = field(d, "Id");
    assertThat(id.get("type").asText()).isEqualTo("id");
    assertThat(id.get("soapType").asText()).isEqualTo("tns:ID");
    assertThat(id.get("length").asInt()).isEqualTo(18);
    assertThat(id.get("byteLength").asInt()).isEqualTo(18);
    assertThat(id.get("nillable").asBoolean()).isFalse();
    assertThat(id.get("createable").asBoolean()).isFalse();
    assertThat(id.get("idLookup").asBoolean()).isTrue();

    JsonNode lastName = field(d, "LastName");
    assertThat(lastName.get("type").asText()).isEqualTo("string");
    assertThat(lastName.get("soapType").asText()).isEqualTo("xsd:string");
    assertThat(lastName.get("length").asInt()).isEqualTo(80);
    assertThat(lastName.get("byteLength").asInt()).isEqualTo(240);
    assertThat(lastName.get("nillable").asBoolean()).isFalse();
    assertThat(lastName.get("createable").asBoolean()).isTrue();
    assertThat(lastName.get("updateable").asBoolean()).isTrue();
    assertThat(lastName.get("filterable").asBoolean()).isTrue();
    assertThat(lastName.get("sortable").asBoolean()).isTrue();
    assertThat(lastName.get("groupable").asBoolean()).isTrue();
    assertThat(lastName.get("calculated").asBoolean()).isFalse();
    assertThat(lastName.get("custom").asBoolean()).isFalse();
    assertThat(lastName.get("picklistValues").size()).isZero();
    assertThat(lastName.get("referenceTo").size()).isZero();
    assertThat(lastName.get("relationshipName").isNull()).isTrue();

    JsonNode account = field(d, "AccountId");
    assertThat(account.get("type").asText()).isEqualTo("reference");
    assertThat(account.get("referenceTo").toString()).isEqualTo("[\"Account\"]");
    assertThat(account.get("relationshipName").asText()).isEqualTo("Account");
    assertThat(account.get("relationshipOrder").isNull()).isTrue();

    JsonNode birthdate = field(d, "Birthdate");
    assertThat(birthdate.get("type").asText()).isEqualTo("date");
    assertThat(birthdate.get("soapType").asText()).isEqualTo("xsd:date");

    JsonNode description = field(d, "Description");
    assertThat(description.get("type").asText()).isEqualTo("textarea");
    assertThat(description.get("filterable").asBoolean()).isFalse();
    assertThat(description.get("sortable").asBoolean()).isFalse();

    JsonNode modstamp = field(d, "SystemModstamp");
    assertThat(modstamp.get("type").asText()).isEqualTo("datetime");
    assertThat(modstamp.get("soapType").asText()).isEqualTo("xsd:dateTime");
    assertThat(modstamp.get("groupable").asBoolean()).isFalse();

    assertThat(d.get("recordTypeInfos").get(0).get("master").asBoolean()).isTrue();
    assertThat(d.get("recordTypeInfos").get(0).get("recordTypeId").asText())
        .isEqualTo("012000000000000AAA");
    assertThat(d.get("urls").get("describe").asText()).isEqualTo(V + "/sobjects/Contact/describe");
  }

  @Test
  void describeGivesPicklistsNumbersAndChildRelationships() {
    JsonNode d = json(rest.get(V + "/sobjects/Account/describe"));
    JsonNode rating = field(d, "Rating");
    assertThat(rating.get("type").asText()).isEqualTo("picklist");
    assertThat(rating.get("picklistValues").get(0).toString())
        .isEqualTo(
            "{\"active\":true,\"defaultValue\":false,\"label\":\"Hot\",\"validFor\":null,"
                + "\"value\":\"Hot\"}");
    assertThat(rating.get("picklistValues").size()).isEqualTo(3);

    JsonNode revenue = field(d, "AnnualRevenue");
    assertThat(revenue.get("type").asText()).isEqualTo("currency");
    assertThat(revenue.get("soapType").asText()).isEqualTo("xsd:double");
    assertThat(revenue.get("precision").asInt()).isEqualTo(18);
    assertThat(revenue.get("scale").asInt()).isEqualTo(2);

    JsonNode employees = field(d, "NumberOfEmployees");
    assertThat(employees.get("type").asText()).isEqualTo("int");
    assertThat(employees.get("digits").asInt()).isEqualTo(9);
    assertThat(employees.get("precision").asInt()).isZero();

    JsonNode number = field(d, "AccountNumber");
    assertThat(number.get("externalId").asBoolean()).isTrue();
    assertThat(number.get("idLookup").asBoolean()).isTrue();

    assertThat(field(d, "Name").get("nameField").asBoolean()).isTrue();

    JsonNode contacts = null;
    for (JsonNode c : d.get("childRelationships")) {
      if (c.get("childSObject").asText().equals("Contact")) {
        contacts = c;
      }
    }
    assertThat(contacts).isNotNull();
    assertThat(contacts.get("field").asText()).isEqualTo("AccountId");
    assertThat(contacts.get("relationshipName").asText()).isEqualTo("Contacts");
    assertThat(contacts.get("cascadeDelete").asBoolean()).isTrue();
    assertThat(contacts.get("restrictedDelete").asBoolean()).isFalse();
    assertThat(contacts.get("deprecatedAndHidden").asBoolean()).isFalse();

    JsonNode milestones = json(rest.get(V + "/sobjects/Milestone__c/describe"));
    JsonNode master = field(milestones, "Project__c");
    assertThat(master.get("relationshipName").asText()).isEqualTo("Project__r");
    assertThat(master.get("relationshipOrder").asInt()).isZero();
    assertThat(master.get("cascadeDelete").asBoolean()).isTrue();
    assertThat(master.get("custom").asBoolean()).isTrue();
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode o : list) {
      if (o.get("name").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError("no " + name);
  }

  private static JsonNode field(JsonNode describe, String name) {
    return find(describe.get("fields"), name);
  }
}
