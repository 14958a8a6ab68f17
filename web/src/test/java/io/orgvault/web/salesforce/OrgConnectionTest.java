package io.orgvault.web.salesforce;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.orgvault.simulator.Simulator;
import io.orgvault.web.SalesforceBrowser;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.secrets.SealedSecretException;
import io.orgvault.web.secrets.TokenVault;
import io.orgvault.web.secrets.TokenVault.Purpose;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class OrgConnectionTest {
  @Inject SalesforceOrgRepository orgs;
  @Inject TokenVault vault;

  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Simulator sim() {
    return SimulatorTestResource.simulator();
  }

  private static String startConnect(String key, String label) {
    return as(key)
        .body(Map.of("label", label, "loginUrl", sim().baseUrl().toString()))
        .post("/api/v1/orgs/connect")
        .then()
        .statusCode(200)
        .extract()
        .path("authorizeUrl");
  }

  private static io.restassured.response.Response callback(Map<String, String> query) {
    return given().queryParams(query).get("/api/v1/orgs/oauth/callback");
  }

  private String storedRefreshToken(String tenantId, String orgId) {
    TenantId tenant = TenantId.of(tenantId);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              SalesforceOrg o = orgs.find(tenant, UUID.fromString(orgId)).orElseThrow();
              return new String(
                  vault.open(tenant, Purpose.REFRESH_TOKEN, o.id, o.sealedRefreshToken),
                  StandardCharsets.UTF_8);
            });
  }

  @Test
  void connectsAnOrgByTheWebServerFlowAndDisconnectRevokesTheToken() throws Exception {
    var t = createTenant(slug("conn"));
    String authorizeUrl = startConnect(t.key(), "Production");
    assertThat(authorizeUrl)
        .startsWith(sim().baseUrl() + "/services/oauth2/authorize?")
        .contains("code_challenge_method=S256")
        .contains("code_challenge=")
        .doesNotContain("code_verifier");

    Map<String, String> redirect = new SalesforceBrowser(sim()).authorize(authorizeUrl, true);
    String orgId =
        callback(redirect)
            .then()
            .statusCode(200)
            .body("status", equalTo("CONNECTED"))
            .body("salesforceOrgId", equalTo(sim().org().orgId()))
            .body("label", equalTo("Production"))
            .body("instanceUrl", equalTo(sim().baseUrl().toString()))
            .extract()
            .path("id");
    // the state is single use
    callback(redirect).then().statusCode(400).body("error", equalTo("invalid_state"));

    as(t.key())
        .get("/api/v1/orgs/" + orgId)
        .then()
        .statusCode(200)
        .body("status", equalTo("CONNECTED"));
    String listing = as(t.key()).get("/api/v1/orgs").then().statusCode(200).extract().asString();
    String refreshToken = storedRefreshToken(t.tenantId(), orgId);
    assertThat(listing).doesNotContain(refreshToken);
    SalesforceBrowser browser = new SalesforceBrowser(sim());
    assertThat(browser.refresh(refreshToken)).isEqualTo(200);

    as(t.key())
        .delete("/api/v1/orgs/" + orgId)
        .then()
        .statusCode(200)
        .body("revokedAtSalesforce", equalTo(true))
        .body("org.status", equalTo("DISCONNECTED"));
    assertThat(browser.refresh(refreshToken)).as("revoked at Salesforce").isEqualTo(400);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                assertThat(
                        orgs.find(TenantId.of(t.tenantId()), UUID.fromString(orgId))
                            .orElseThrow()
                            .sealedRefreshToken)
                    .isNull());
  }

  @Test
  void anotherTenantCannotSeeOrDisconnectTheOrg() throws Exception {
    var a = createTenant(slug("owner"));
    var b = createTenant(slug("other"));
    String orgId =
        callback(new SalesforceBrowser(sim()).authorize(startConnect(a.key(), "A prod"), true))
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    as(b.key()).get("/api/v1/orgs/" + orgId).then().statusCode(404);
    as(b.key()).delete("/api/v1/orgs/" + orgId).then().statusCode(404);
    assertThat(as(b.key()).get("/api/v1/orgs").then().extract().asString()).doesNotContain(orgId);
    as(a.key())
        .get("/api/v1/orgs/" + orgId)
        .then()
        .statusCode(200)
        .body("status", equalTo("CONNECTED"));
  }

  @Test
  void aDeniedAuthorizationConnectsNothingAndUsesUpItsState() throws Exception {
    var t = createTenant(slug("deny"));
    Map<String, String> redirect =
        new SalesforceBrowser(sim()).authorize(startConnect(t.key(), "Denied"), false);
    assertThat(redirect).containsEntry("error", "access_denied");
    callback(redirect).then().statusCode(400).body("error", equalTo("authorization_denied"));
    callback(redirect).then().statusCode(400).body("error", equalTo("invalid_state"));
    assertThat(as(t.key()).get("/api/v1/orgs").then().extract().jsonPath().getList("")).isEmpty();
  }

  @Test
  void forgedStatesAndForeignLoginHostsAreRefused() {
    var t = createTenant(slug("forge"));
    callback(Map.of("state", "x".repeat(43), "code", "abc"))
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_state"));
    callback(Map.of("code", "abc")).then().statusCode(400).body("error", equalTo("invalid_state"));
    for (String url :
        new String[] {
          "https://evil.example.com",
          "http://127.0.0.1:1",
          "https://127.0.0.1/x?y",
          "ftp://login.salesforce.com"
        }) {
      as(t.key())
          .body(Map.of("label", "x", "loginUrl", url))
          .post("/api/v1/orgs/connect")
          .then()
          .statusCode(400);
    }
    as(t.key())
        .body(Map.of("label", "x", "loginUrl", "https://evil.example.com"))
        .post("/api/v1/orgs/connect")
        .then()
        .body("error", equalTo("login_host_not_allowed"));
  }

  @Test
  void aSealedTokenDoesNotOpenForAnotherRowOrTenant() throws Exception {
    var a = createTenant(slug("seal-a"));
    var b = createTenant(slug("seal-b"));
    String orgA =
        callback(new SalesforceBrowser(sim()).authorize(startConnect(a.key(), "A"), true))
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    byte[] sealed =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    orgs.find(TenantId.of(a.tenantId()), UUID.fromString(orgA))
                        .orElseThrow()
                        .sealedRefreshToken);
    // the right tenant but another row, and the right row id under another tenant
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            vault.open(
                                TenantId.of(a.tenantId()),
                                Purpose.REFRESH_TOKEN,
                                UUID.randomUUID(),
                                sealed)))
        .isInstanceOf(SealedSecretException.class);
    vault.seal(TenantId.of(b.tenantId()), Purpose.PKCE_VERIFIER, UUID.randomUUID(), new byte[] {1});
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            vault.open(
                                TenantId.of(b.tenantId()),
                                Purpose.REFRESH_TOKEN,
                                UUID.fromString(orgA),
                                sealed)))
        .isInstanceOf(SealedSecretException.class)
        .hasMessageNotContaining(new String(sealed, StandardCharsets.ISO_8859_1));
    byte[] flipped = sealed.clone();
    flipped[flipped.length - 1] ^= 1;
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () ->
                            vault.open(
                                TenantId.of(a.tenantId()),
                                Purpose.REFRESH_TOKEN,
                                UUID.fromString(orgA),
                                flipped)))
        .isInstanceOf(SealedSecretException.class);
  }
}
