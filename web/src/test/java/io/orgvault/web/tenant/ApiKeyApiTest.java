package io.orgvault.web.tenant;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyApiTest {
  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void issuesListsAndRevokesKeysWithoutEverShowingSecretsAgain() {
    var t = createTenant(slug("keys"));
    var issued =
        as(t.key())
            .body("{\"name\":\"nightly export\"}")
            .post("/api/v1/api-keys")
            .then()
            .statusCode(201)
            .body("name", equalTo("nightly export"))
            .body("key", notNullValue())
            .extract()
            .jsonPath();
    String second = issued.getString("key");
    String id = issued.getString("id");
    as(second).get("/api/v1/tenant").then().statusCode(200).body("id", equalTo(t.tenantId()));

    String listing =
        as(t.key()).get("/api/v1/api-keys").then().statusCode(200).extract().asString();
    assertThat(listing).doesNotContain(second).doesNotContain(t.key()).doesNotContain("\"key\"");
    List<Map<String, Object>> keys = as(t.key()).get("/api/v1/api-keys").then().extract().path("");
    assertThat(keys).hasSize(2);
    assertThat(keys).extracting(k -> k.get("prefix")).contains(second.substring(4, 16));

    as(t.key())
        .delete("/api/v1/api-keys/" + id)
        .then()
        .statusCode(200)
        .body("revokedAt", notNullValue());
    as(second).get("/api/v1/tenant").then().statusCode(401);
    as(t.key()).get("/api/v1/tenant").then().statusCode(200);
  }

  @Test
  void aTenantCannotSeeOrRevokeAnotherTenantsKeys() {
    var a = createTenant(slug("alpha"));
    var b = createTenant(slug("beta"));
    String bKeyId =
        as(b.key()).get("/api/v1/api-keys").then().statusCode(200).extract().path("[0].id");
    as(a.key()).delete("/api/v1/api-keys/" + bKeyId).then().statusCode(404);
    as(b.key()).get("/api/v1/tenant").then().statusCode(200);
    List<String> aIds = as(a.key()).get("/api/v1/api-keys").then().extract().path("id");
    assertThat(aIds).doesNotContain(bKeyId).hasSize(1);
  }

  @Test
  void refusesBadNames() {
    var t = createTenant(slug("names"));
    as(t.key())
        .body("{}")
        .post("/api/v1/api-keys")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_name"));
    as(t.key())
        .body("{\"name\":\"" + "n".repeat(101) + "\"}")
        .post("/api/v1/api-keys")
        .then()
        .statusCode(400);
  }
}
