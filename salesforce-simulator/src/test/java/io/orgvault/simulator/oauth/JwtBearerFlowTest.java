package io.orgvault.simulator.oauth;

import static io.orgvault.simulator.oauth.JwtSigner.claims;
import static io.orgvault.simulator.oauth.OAuthTestClient.json;
import static io.orgvault.simulator.oauth.WebServerFlowTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.Simulator;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JWT bearer grant, with a key pair and certificate made here as an integration would. */
class JwtBearerFlowTest extends OAuthFixture {
  private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final String LOGIN = "https://login.salesforce.com";

  private JwtSigner signer;
  private String key;

  /** The connected app trusts the certificate of a key pair made for this class. */
  @Override
  Simulator.Builder simulator() throws Exception {
    signer = JwtSigner.generate();
    return super.simulator().jwtCertificate(signer.certificate());
  }

  @BeforeAll
  void consumerKey() {
    key = sim.connectedApp().consumerKey();
  }

  private static long inSeconds(long s) {
    return Instant.now().getEpochSecond() + s;
  }

  private HttpResponse<String> grant(String assertion) throws Exception {
    return client.token(Map.of("grant_type", GRANT, "assertion", assertion));
  }

  @Test
  void aSignedAssertionGetsAnAccessTokenForTheSubject() throws Exception {
    HttpResponse<String> r =
        grant(signer.sign(claims(key, "user4@orgvault.sim", LOGIN, inSeconds(180))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode t = json(r);
    List<String> fields = new ArrayList<>();
    t.fieldNames().forEachRemaining(fields::add);
    // As documented for this grant: no refresh token, no signature.
    assertThat(fields).containsExactly("access_token", "scope", "instance_url", "id", "token_type");
    String user4 = sim.org().userId(4);
    assertThat(t.get("id").asText()).endsWith("/id/" + sim.org().orgId() + "/" + user4);
    assertThat(t.get("instance_url").asText()).isEqualTo(sim.context().instanceUrl());
    assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(sim.tokens().validate(t.get("access_token").asText()).orElseThrow().userId())
        .isEqualTo(user4);
  }

  @Test
  void theLoginUrlsAndTheSimulatorAreAcceptedAudiences() throws Exception {
    for (String aud :
        new String[] {
          LOGIN, "https://test.salesforce.com", LOGIN + "/", sim.context().instanceUrl()
        }) {
      HttpResponse<String> r =
          grant(signer.sign(claims(key, "user1@orgvault.sim", aud, inSeconds(60))));
      assertThat(r.statusCode()).as(aud + ": " + r.body()).isEqualTo(200);
    }
    String arrayAud =
        "{\"iss\":\"%s\",\"sub\":\"user1@orgvault.sim\",\"aud\":[\"x\",\"%s\"],\"exp\":%d}"
            .formatted(key, LOGIN, inSeconds(60));
    assertThat(grant(signer.sign(arrayAud)).statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongAudienceIsRejected() throws Exception {
    assertError(
        grant(
            signer.sign(
                claims(key, "user1@orgvault.sim", "https://evil.example.com", inSeconds(60)))),
        "invalid_grant",
        "audience is invalid");
  }

  @Test
  void anExpiredOrTooLongLivedAssertionIsRejected() throws Exception {
    assertError(
        grant(signer.sign(claims(key, "user1@orgvault.sim", LOGIN, inSeconds(-5)))),
        "invalid_grant",
        "invalid assertion");
    assertError(
        grant(signer.sign(claims(key, "user1@orgvault.sim", LOGIN, inSeconds(600)))),
        "invalid_grant",
        "invalid assertion");
    String noExp =
        "{\"iss\":\"%s\",\"sub\":\"user1@orgvault.sim\",\"aud\":\"%s\"}".formatted(key, LOGIN);
    assertError(grant(signer.sign(noExp)), "invalid_grant", "invalid assertion");
  }

  @Test
  void aSignatureByAnotherKeyIsRejected() throws Exception {
    JwtSigner other = JwtSigner.generate();
    assertError(
        grant(other.sign(claims(key, "user1@orgvault.sim", LOGIN, inSeconds(60)))),
        "invalid_grant",
        "invalid assertion");

    // A valid signature over different claims: the payload was tampered with.
    String good = signer.sign(claims(key, "user1@orgvault.sim", LOGIN, inSeconds(60)));
    String[] parts = good.split("\\.");
    String tampered =
        parts[0]
            + "."
            + JwtSigner.b64(claims(key, "user2@orgvault.sim", LOGIN, inSeconds(60)))
            + "."
            + parts[2];
    assertError(grant(tampered), "invalid_grant", "invalid assertion");
  }

  @Test
  void onlyRs256IsAccepted() throws Exception {
    String body = JwtSigner.b64(claims(key, "user1@orgvault.sim", LOGIN, inSeconds(60)));
    assertError(
        grant(JwtSigner.b64("{\"alg\":\"none\"}") + "." + body + "."),
        "invalid_grant",
        "invalid assertion");
    assertError(
        grant(JwtSigner.b64("{\"alg\":\"HS256\"}") + "." + body + ".c2ln"),
        "invalid_grant",
        "invalid assertion");
    assertError(grant("not-a-jwt"), "invalid_grant", "invalid assertion");
    assertError(grant("%%%.%%%.%%%"), "invalid_grant", "invalid assertion");
  }

  @Test
  void theIssuerMustBeTheConsumerKeyAndTheSubjectAUser() throws Exception {
    assertError(
        grant(signer.sign(claims("someone-else", "user1@orgvault.sim", LOGIN, inSeconds(60)))),
        "invalid_client_id",
        "client identifier invalid");
    assertError(
        grant(signer.sign(claims(key, "nobody@orgvault.sim", LOGIN, inSeconds(60)))),
        "invalid_grant",
        "user hasn't approved this consumer");
  }

  @Test
  void withoutACertificateTheGrantIsRefused() throws Exception {
    try (Simulator plain = OAuthTestClient.simulator().start()) {
      OAuthTestClient c = new OAuthTestClient(plain);
      String assertion =
          signer.sign(
              claims(
                  plain.connectedApp().consumerKey(), "user1@orgvault.sim", LOGIN, inSeconds(60)));
      assertError(
          c.token(Map.of("grant_type", GRANT, "assertion", assertion)),
          "invalid_grant",
          "invalid assertion");
    }
  }
}
