package io.orgvault.web;

import static io.orgvault.web.ApiClient.as;
import static io.restassured.RestAssured.given;

import io.orgvault.simulator.Simulator;
import io.orgvault.web.salesforce.SalesforceOrg;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.secrets.TokenVault;
import io.orgvault.web.secrets.TokenVault.Purpose;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

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

  /** The refresh token the service holds for an org, opened as the service opens it. */
  public static String storedRefreshToken(
      SalesforceOrgRepository orgs, TokenVault vault, TenantId tenant, String orgId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              SalesforceOrg o = orgs.find(tenant, UUID.fromString(orgId)).orElseThrow();
              return new String(
                  vault.open(tenant, Purpose.REFRESH_TOKEN, o.id, o.sealedRefreshToken),
                  StandardCharsets.UTF_8);
            });
  }
}
