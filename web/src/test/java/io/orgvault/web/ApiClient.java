package io.orgvault.web;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the operator or as a tenant key, for the API tests. */
public final class ApiClient {
  /** The operator key whose secret's hash the %test profile configures. */
  public static final String OPERATOR_KEY = "ovo_testoperator_" + "T".repeat(43);

  private ApiClient() {}

  public static RequestSpecification asOperator() {
    return as(OPERATOR_KEY);
  }

  public static RequestSpecification as(String key) {
    return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
  }

  /** Creates a tenant through the operator API; returns its first admin key's text. */
  public static Created createTenant(String slug) {
    var body =
        asOperator()
            .body("{\"slug\":\"" + slug + "\",\"displayName\":\"Tenant " + slug + "\"}")
            .post("/api/v1/operator/tenants")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Created(body.getString("tenant.id"), body.getString("adminApiKey.key"));
  }

  public record Created(String tenantId, String key) {}
}
