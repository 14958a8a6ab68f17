package io.orgvault.web.salesforce;

import static io.orgvault.web.ApiClient.as;
import static io.orgvault.web.ApiClient.createTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.orgvault.engine.crypto.FileKeyEncryptionKey;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.simulator.Simulator;
import io.orgvault.web.ApiClient.Created;
import io.orgvault.web.Runs;
import io.orgvault.web.SalesforceBrowser;
import io.orgvault.web.SimulatorTestResource;
import io.orgvault.web.salesforce.oauth.JwtAssertion;
import io.orgvault.web.salesforce.oauth.OAuthEndpoints;
import io.orgvault.web.salesforce.oauth.OAuthRefusedException;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.salesforce.repository.TenantJwtKeyRepository;
import io.orgvault.web.salesforce.service.JwtSigningKeys;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Orgs connected by the JWT bearer grant with each tenant's own key pair, against the simulator's
 * connected app holding the certificate a tenant's admin would upload.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorTestResource.class)
class JwtBearerConnectionTest {
  @Inject OAuthEndpoints oauth;
  @Inject JwtSigningKeys signingKeys;
  @Inject SalesforceOrgRepository orgs;
  @Inject TenantJwtKeyRepository jwtKeys;

  private static Simulator sim() {
    return SimulatorTestResource.simulator();
  }

  private static String slug(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String integrationUser() {
    return sim().org().username(sim().org().integrationUserId());
  }

  private static Map<String, String> connectBody(String username, String consumerKey) {
    return Map.of(
        "label",
        "Server to server",
        "loginUrl",
        sim().baseUrl().toString(),
        "username",
        username,
        "consumerKey",
        consumerKey);
  }

  private static Response connect(String key, String username, String consumerKey) {
    return as(key).body(connectBody(username, consumerKey)).post("/api/v1/orgs/connect-jwt");
  }

  /** The tenant's certificate, made through the API, as its Salesforce admin downloads it. */
  private static String createCertificate(String key) {
    return as(key)
        .post("/api/v1/tenant/jwt-certificate")
        .then()
        .statusCode(201)
        .extract()
        .path("certificatePem");
  }

  /** What the admin does in Setup: the connected app checks assertions against this now. */
  private static void uploadToConnectedApp(String pem) throws Exception {
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    sim().connectedApp().uploadJwtCertificate(cert);
  }

  @Test
  void aTenantsCertificateConnectsTheOrgAndABackupRunsOnJwtSessions() throws Exception {
    Created t = createTenant(slug("jwt"));
    String consumerKey = sim().connectedApp().consumerKey();

    // no key pair yet: nothing to download, nothing to connect with
    as(t.key()).get("/api/v1/tenant/jwt-certificate").then().statusCode(404);
    connect(t.key(), integrationUser(), consumerKey)
        .then()
        .statusCode(409)
        .body("error", equalTo("no_jwt_certificate"));

    String pem = createCertificate(t.key());
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----").doesNotContain("PRIVATE");
    String download =
        as(t.key())
            .accept("application/x-pem-file")
            .get("/api/v1/tenant/jwt-certificate/pem")
            .then()
            .statusCode(200)
            .header("Content-Disposition", containsString(".crt"))
            .extract()
            .asString();
    assertThat(download).isEqualTo(pem);
    as(t.key()).post("/api/v1/tenant/jwt-certificate").then().statusCode(409);

    // the connected app does not know this tenant's certificate yet
    sim().connectedApp().uploadJwtCertificate(null);
    connect(t.key(), integrationUser(), consumerKey)
        .then()
        .statusCode(400)
        .body("error", equalTo("jwt_bearer_refused"))
        .body("message", containsString("invalid assertion"))
        .body("message", containsString("certificate is uploaded to the connected app"));

    uploadToConnectedApp(pem);
    connect(t.key(), "nobody@orgvault.sim", consumerKey)
        .then()
        .statusCode(400)
        .body("error", equalTo("jwt_bearer_refused"))
        .body("message", containsString("user hasn't approved this consumer"));
    connect(t.key(), integrationUser(), "3MVG9NotThisOrgsApp")
        .then()
        .statusCode(400)
        .body("message", containsString("invalid_client_id"));
    connect(t.key(), "not a username", consumerKey)
        .then()
        .statusCode(400)
        .body("error", equalTo("invalid_username"));
    as(t.key())
        .body(
            Map.of(
                "label",
                "x",
                "loginUrl",
                "https://evil.example.com",
                "username",
                integrationUser(),
                "consumerKey",
                consumerKey))
        .post("/api/v1/orgs/connect-jwt")
        .then()
        .statusCode(400)
        .body("error", equalTo("login_host_not_allowed"));

    String body =
        connect(t.key(), integrationUser(), consumerKey)
            .then()
            .statusCode(201)
            .body("authMethod", equalTo("JWT_BEARER"))
            .body("status", equalTo("CONNECTED"))
            .body("salesforceOrgId", equalTo(sim().org().orgId()))
            .body("salesforceUsername", equalTo(integrationUser()))
            .extract()
            .asString();
    String orgId = new JsonPath(body).getString("id");
    assertThat(body).doesNotContain("BEGIN").doesNotContain("PRIVATE").doesNotContain("!");
    assertThat(as(t.key()).get("/api/v1/orgs").then().statusCode(200).extract().asString())
        .doesNotContain("PRIVATE")
        .doesNotContain("!");

    // the key is sealed at rest: the row holds no PKCS#8 in the clear
    TenantId tenant = new TenantId(UUID.fromString(t.tenantId()));
    byte[] pkcs8 = signingKeys.privateKey(tenant).orElseThrow().getEncoded();
    byte[] sealed =
        QuarkusTransaction.requiringNew()
            .call(() -> jwtKeys.find(tenant).orElseThrow().sealedPrivateKey);
    assertThat(indexOf(sealed, java.util.Arrays.copyOfRange(pkcs8, 30, 62))).isEqualTo(-1);

    // a backup takes its session by JWT and runs in the tenant's sandbox
    String runId =
        as(t.key())
            .post("/api/v1/orgs/" + orgId + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath run = Runs.awaitBackup(t.key(), runId);
    assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
    assertThat(run.getLong("rowsWritten")).isPositive();
    try (FileKeyEncryptionKey kek = FileKeyEncryptionKey.load(SimulatorTestResource.kekFile());
        RecordStore store =
            RecordStore.open(SimulatorTestResource.storeOf(t.tenantId()), t.tenantId(), kek)) {
      assertThat(store.latestBackup()).hasValue(1);
    }

    // disconnect: nothing to revoke, the binding and (last JWT org) the key pair are erased
    as(t.key())
        .delete("/api/v1/orgs/" + orgId)
        .then()
        .statusCode(200)
        .body("revokedAtSalesforce", equalTo(false))
        .body("signingKeyErased", equalTo(true))
        .body("note", containsString("no refresh token"))
        .body("org.status", equalTo("DISCONNECTED"));
    as(t.key()).get("/api/v1/tenant/jwt-certificate").then().statusCode(404);
    SalesforceOrg gone =
        QuarkusTransaction.requiringNew()
            .call(() -> orgs.find(tenant, UUID.fromString(orgId)).orElseThrow());
    assertThat(gone.jwtConsumerKey).isNull();
    assertThat(signingKeys.privateKey(tenant)).isEmpty();
  }

  @Test
  void anotherTenantsCertificateAndAnExpiredAssertionAreRefused() throws Exception {
    Created a = createTenant(slug("jwt-a"));
    Created b = createTenant(slug("jwt-b"));
    String consumerKey = sim().connectedApp().consumerKey();
    uploadToConnectedApp(createCertificate(a.key()));
    createCertificate(b.key());

    // b's key is not the one the connected app trusts: b cannot reach a's org
    connect(b.key(), integrationUser(), consumerKey)
        .then()
        .statusCode(400)
        .body("error", equalTo("jwt_bearer_refused"))
        .body("message", containsString("invalid assertion"));

    // an assertion past its exp is refused by Salesforce
    TenantId tenantA = new TenantId(UUID.fromString(a.tenantId()));
    PrivateKey key = signingKeys.privateKey(tenantA).orElseThrow();
    String login = sim().baseUrl().toString().replaceAll("/$", "");
    String expired =
        JwtAssertion.expiringAt(
            key,
            consumerKey,
            integrationUser(),
            JwtAssertion.audience(login),
            Instant.now().minusSeconds(60));
    assertThatThrownBy(() -> oauth.jwtBearer(login, expired))
        .isInstanceOf(OAuthRefusedException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageContaining("invalid assertion");
    String fresh =
        JwtAssertion.sign(
            key, consumerKey, integrationUser(), JwtAssertion.audience(login), Instant.now());
    assertThat(oauth.jwtBearer(login, fresh).refreshToken()).isNull();
  }

  @Test
  void aCertificateRemovedFromTheConnectedAppFailsTheBackupAndAsksForReconnection()
      throws Exception {
    Created t = createTenant(slug("jwt-gone"));
    String consumerKey = sim().connectedApp().consumerKey();
    uploadToConnectedApp(createCertificate(t.key()));
    String orgId =
        connect(t.key(), integrationUser(), consumerKey)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    sim().connectedApp().uploadJwtCertificate(null);
    String runId =
        as(t.key())
            .post("/api/v1/orgs/" + orgId + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath run = Runs.awaitBackup(t.key(), runId);
    assertThat(run.getString("state")).isEqualTo("FAILED");
    assertThat(run.getString("errorCode")).isEqualTo("salesforce_token_invalid");
    assertThat(run.getString("errorMessage")).contains("reconnect");
    as(t.key())
        .get("/api/v1/orgs/" + orgId)
        .then()
        .statusCode(200)
        .body("status", equalTo("RECONNECT_REQUIRED"));
  }

  @Test
  void theWebServerFlowDoesNotTakeOverAnOrgConnectedByJwt() throws Exception {
    Created t = createTenant(slug("jwt-both"));
    uploadToConnectedApp(createCertificate(t.key()));
    String orgId =
        connect(t.key(), integrationUser(), sim().connectedApp().consumerKey())
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String authorizeUrl =
        as(t.key())
            .body(Map.of("label", "Same org", "loginUrl", sim().baseUrl().toString()))
            .post("/api/v1/orgs/connect")
            .then()
            .statusCode(200)
            .extract()
            .path("authorizeUrl");
    Map<String, String> redirect = new SalesforceBrowser(sim()).authorize(authorizeUrl, true);
    given()
        .queryParams(redirect)
        .get("/api/v1/orgs/oauth/callback")
        .then()
        .statusCode(409)
        .body("error", equalTo("org_already_connected"));
    TenantId tenant = new TenantId(UUID.fromString(t.tenantId()));
    SalesforceOrg org =
        QuarkusTransaction.requiringNew()
            .call(() -> orgs.find(tenant, UUID.fromString(orgId)).orElseThrow());
    assertThat(org.authMethod).isEqualTo(OrgAuthMethod.JWT_BEARER);
    assertThat(org.sealedRefreshToken).isNull();
    assertThat(org.status).isEqualTo(OrgStatus.CONNECTED);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
