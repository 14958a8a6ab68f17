package io.orgvault.web;

import static io.orgvault.web.ApiClient.as;
import static io.restassured.RestAssured.given;

import io.orgvault.simulator.Simulator;
import java.util.Map;

/** Connects the test simulator's org to a tenant through the real OAuth flow. */
public final class Orgs {
  private Orgs() {}

  /** Returns the new org's id. */
  public static String connect(String tenantKey, String label) throws Exception {
    return connect(tenantKey, label, SimulatorTestResource.simulator());
  }

  /** Connects the org of {@code sim}; returns the new org's id. */
  public static String connect(String tenantKey, String label, Simulator sim) throws Exception {
    String authorizeUrl =
        as(tenantKey)
            .body(Map.of("label", label, "loginUrl", sim.baseUrl().toString()))
            .post("/api/v1/orgs/connect")
            .then()
            .statusCode(200)
            .extract()
            .path("authorizeUrl");
    Map<String, String> redirect = new SalesforceBrowser(sim).authorize(authorizeUrl, true);
    return given()
        .queryParams(redirect)
        .get("/api/v1/orgs/oauth/callback")
        .then()
        .statusCode(200)
        .extract()
        .path("id");
  }
}
