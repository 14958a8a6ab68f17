package io.orgvault.web;

import static io.orgvault.web.ApiClient.as;
import static io.restassured.RestAssured.given;

import java.util.Map;

/** Connects the test simulator's org to a tenant through the real OAuth flow. */
public final class Orgs {
  private Orgs() {}

  /** Returns the new org's id. */
  public static String connect(String tenantKey, String label) throws Exception {
    String authorizeUrl =
        as(tenantKey)
            .body(
                Map.of(
                    "label",
                    label,
                    "loginUrl",
                    SimulatorTestResource.simulator().baseUrl().toString()))
            .post("/api/v1/orgs/connect")
            .then()
            .statusCode(200)
            .extract()
            .path("authorizeUrl");
    Map<String, String> redirect =
        new SalesforceBrowser(SimulatorTestResource.simulator()).authorize(authorizeUrl, true);
    return given()
        .queryParams(redirect)
        .get("/api/v1/orgs/oauth/callback")
        .then()
        .statusCode(200)
        .extract()
        .path("id");
  }
}
