package io.orgvault.web.tenant;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.asOperator;
import static io.orgvault.web.ApiClient.createTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantApiTest {
  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void operatorCreatesTenantWhoseKeyActsForIt() {
    String slug = slug("acme");
    var t = createTenant(slug);
    assertThat(t.key()).startsWith("ovk_");

    as(t.key())
        .get("/api/v1/tenant")
        .then()
        .statusCode(200)
        .body("id", equalTo(t.tenantId()))
        .body("slug", equalTo(slug))
        .body("status", equalTo("ACTIVE"));
    asOperator()
        .get("/api/v1/operator/tenants/" + t.tenantId())
        .then()
        .statusCode(200)
        .body("slug", equalTo(slug));
    List<String> slugs =
        asOperator().get("/api/v1/operator/tenants").then().statusCode(200).extract().path("slug");
    assertThat(slugs).contains(slug);
  }

  @Test
  void refusesAnonymousWrongAndForeignCallers() {
    var t = createTenant(slug("refuse"));
    given().get("/api/v1/tenant").then().statusCode(401).body("error", equalTo("unauthenticated"));
    // shaped like a key, but no such key
    as("ovk_AAAAAAAAAAAA_" + "B".repeat(43)).get("/api/v1/tenant").then().statusCode(401);
    // the right prefix with a wrong secret
    String forged = t.key().substring(0, t.key().length() - 43) + "C".repeat(43);
    as(forged).get("/api/v1/tenant").then().statusCode(401);
    // a tenant is not the operator, and the operator is not a tenant
    as(t.key()).get("/api/v1/operator/tenants").then().statusCode(403);
    asOperator().get("/api/v1/tenant").then().statusCode(403);
    // an operator-shaped key that is not configured
    as("ovo_testoperator_" + "U".repeat(43)).get("/api/v1/operator/tenants").then().statusCode(401);
  }

  @Test
  void suspendedTenantIsLockedOutUntilReactivated() {
    var t = createTenant(slug("susp"));
    asOperator()
        .post("/api/v1/operator/tenants/" + t.tenantId() + "/suspend")
        .then()
        .statusCode(200)
        .body("status", equalTo("SUSPENDED"));
    as(t.key()).get("/api/v1/tenant").then().statusCode(401);
    asOperator()
        .post("/api/v1/operator/tenants/" + t.tenantId() + "/reactivate")
        .then()
        .statusCode(200)
        .body("status", equalTo("ACTIVE"));
    as(t.key()).get("/api/v1/tenant").then().statusCode(200);
  }

  @Test
  void deletedTenantLosesItsKeysForGoodAndCannotComeBack() {
    var t = createTenant(slug("gone"));
    asOperator()
        .delete("/api/v1/operator/tenants/" + t.tenantId())
        .then()
        .statusCode(200)
        .body("status", equalTo("DELETED"));
    as(t.key()).get("/api/v1/tenant").then().statusCode(401);
    asOperator()
        .post("/api/v1/operator/tenants/" + t.tenantId() + "/reactivate")
        .then()
        .statusCode(409)
        .body("error", equalTo("tenant_deleted"));
    asOperator()
        .get("/api/v1/operator/tenants")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(t.tenantId())));
    asOperator()
        .get("/api/v1/operator/tenants?status=DELETED")
        .then()
        .statusCode(200)
        .body("id", hasItem(t.tenantId()));
  }

  @Test
  void validatesInputAndSlugUniqueness() {
    String slug = slug("dup");
    createTenant(slug);
    asOperator()
        .body("{\"slug\":\"" + slug + "\",\"displayName\":\"x\"}")
        .post("/api/v1/operator/tenants")
        .then()
        .statusCode(409)
        .body("error", equalTo("slug_taken"));
    for (String bad : List.of("A-upper", "-lead", "trail-", "x", "has space", "a".repeat(64))) {
      asOperator()
          .body("{\"slug\":\"" + bad + "\",\"displayName\":\"x\"}")
          .post("/api/v1/operator/tenants")
          .then()
          .statusCode(400)
          .body("error", equalTo("invalid_slug"));
    }
    asOperator()
        .body("{\"slug\":\"" + slug("nameless") + "\",\"displayName\":\" \"}")
        .post("/api/v1/operator/tenants")
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_display_name"));
    asOperator()
        .get("/api/v1/operator/tenants/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("error", equalTo("not_found"));
  }
}
