package io.orgvault.simulator.oauth;

import static io.orgvault.simulator.oauth.OAuthTestClient.CALLBACK;
import static io.orgvault.simulator.oauth.OAuthTestClient.challenge;
import static io.orgvault.simulator.oauth.OAuthTestClient.json;
import static io.orgvault.simulator.oauth.OAuthTestClient.verifier;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.Simulator;
import io.orgvault.simulator.auth.Session;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The web server flow over HTTPS, driven through its pages as a browser and an app would. */
class WebServerFlowTest extends OAuthFixture {
  private static final String SECRET = "WEB-SERVER-FLOW-SECRET";

  @Override
  Simulator.Builder simulator() throws Exception {
    return super.simulator().consumerSecret(SECRET);
  }

  @Test
  void pkceFlowIssuesTokensForTheUserWhoLoggedIn() throws Exception {
    String verifier = verifier();
    String state = "s t&a=te/<1>";
    Map<String, String> callback =
        client.authorize(
            client.authorizeParams(challenge(verifier), state),
            "user2@orgvault.sim",
            "orgvault-demo");
    assertThat(callback).containsOnlyKeys("code", "state");
    assertThat(callback.get("state")).isEqualTo(state);

    long before = Instant.now().toEpochMilli();
    HttpResponse<String> r = client.token(codeGrant(callback.get("code"), verifier, SECRET));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    JsonNode t = json(r);
    List<String> fields = new java.util.ArrayList<>();
    t.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "access_token",
            "refresh_token",
            "signature",
            "scope",
            "instance_url",
            "id",
            "token_type",
            "issued_at");
    String user2 = sim.org().userId(2);
    assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(t.get("scope").asText()).isEqualTo("api refresh_token id");
    assertThat(t.get("instance_url").asText()).isEqualTo(sim.context().instanceUrl());
    assertThat(t.get("id").asText())
        .isEqualTo(sim.context().instanceUrl() + "/id/" + sim.org().orgId() + "/" + user2);
    long issuedAt = Long.parseLong(t.get("issued_at").asText());
    assertThat(issuedAt).isBetween(before - 1000, Instant.now().toEpochMilli() + 1000);
    assertThat(t.get("signature").asText())
        .isEqualTo(hmac(SECRET, t.get("id").asText() + t.get("issued_at").asText()));
    assertThat(t.get("access_token").asText()).startsWith(sim.org().orgId().substring(0, 15) + "!");

    Session session = sim.tokens().validate(t.get("access_token").asText()).orElseThrow();
    assertThat(session.userId()).isEqualTo(user2);
    assertThat(session.clientId()).isEqualTo(sim.connectedApp().consumerKey());
    assertThat(session.scope()).isEqualTo("api refresh_token id");
  }

  @Test
  void aCodeWorksOnce() throws Exception {
    String verifier = verifier();
    String code = code(challenge(verifier));
    assertThat(client.token(codeGrant(code, verifier, SECRET)).statusCode()).isEqualTo(200);

    HttpResponse<String> again = client.token(codeGrant(code, verifier, SECRET));
    assertError(again, "invalid_grant", "invalid authorization code");
  }

  @Test
  void aWrongVerifierIsRejectedAndBurnsTheCode() throws Exception {
    String verifier = verifier();
    String code = code(challenge(verifier));
    assertError(
        client.token(codeGrant(code, verifier(), SECRET)),
        "invalid_request",
        "invalid code verifier");
    assertError(
        client.token(codeGrant(code, verifier, SECRET)),
        "invalid_grant",
        "invalid authorization code");
  }

  @Test
  void aMissingVerifierIsAnInvalidGrant() throws Exception {
    String code = code(challenge(verifier()));
    assertError(
        client.token(codeGrant(code, null, SECRET)), "invalid_grant", "invalid code verifier");
  }

  @Test
  void aVerifierForACodeIssuedWithoutChallengeIsRejected() throws Exception {
    String code = code(null);
    assertError(
        client.token(codeGrant(code, verifier(), SECRET)),
        "invalid_request",
        "invalid code verifier");
  }

  @Test
  void withoutPkceTheSecretIsRequired() throws Exception {
    assertError(
        client.token(codeGrant(code(null), null, null)),
        "invalid_client",
        "invalid client credentials");
    assertError(
        client.token(codeGrant(code(null), null, "not-the-secret")),
        "invalid_client",
        "invalid client credentials");
    assertThat(client.token(codeGrant(code(null), null, SECRET)).statusCode()).isEqualTo(200);
  }

  @Test
  void aPublicClientWithPkceNeedsNoSecretButASentSecretIsChecked() throws Exception {
    String verifier = verifier();
    HttpResponse<String> ok = client.token(codeGrant(code(challenge(verifier)), verifier, null));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(json(ok).get("refresh_token").asText()).isNotEmpty();

    String v2 = verifier();
    assertError(
        client.token(codeGrant(code(challenge(v2)), v2, "wrong")),
        "invalid_client",
        "invalid client credentials");
  }

  @Test
  void clientCredentialsMayComeAsHttpBasic() throws Exception {
    Map<String, String> form = codeGrant(code(null), null, null);
    form.remove("client_id");
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (sim.connectedApp().consumerKey() + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = client.token(form, "Authorization", "Basic " + basic);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void theRedirectUriMustBeTheOneTheCodeWasIssuedFor() throws Exception {
    Map<String, String> form = codeGrant(code(null), null, SECRET);
    form.put("redirect_uri", "http://localhost/callback");
    assertError(
        client.token(form), "redirect_uri_mismatch", "redirect_uri must match configuration");
  }

  @Test
  void anUnknownClientOrGrantTypeGetsTheOAuthErrorShape() throws Exception {
    Map<String, String> form = codeGrant(code(null), null, SECRET);
    form.put("client_id", "someone-else");
    assertError(client.token(form), "invalid_client_id", "client identifier invalid");

    assertError(
        client.token(
            Map.of("grant_type", "password", "client_id", sim.connectedApp().consumerKey())),
        "unsupported_grant_type",
        "grant type not supported");
    assertError(client.token(Map.of()), "unsupported_grant_type", "grant type not supported");
    assertError(
        client.get("/services/oauth2/token?grant_type=authorization_code"),
        "invalid_request",
        "must use HTTP POST");
  }

  @Test
  void aScopeWithoutRefreshGetsNoRefreshToken() throws Exception {
    Map<String, String> params = client.authorizeParams(null, null);
    params.put("scope", "api");
    String code = client.authorize(params, "user1@orgvault.sim", "orgvault-demo").get("code");
    JsonNode t = json(client.token(codeGrant(code, null, SECRET)));
    assertThat(t.has("refresh_token")).isFalse();
    assertThat(t.get("scope").asText()).isEqualTo("api");
  }

  @Test
  void withoutScopeTheAppsScopesAreGranted() throws Exception {
    Map<String, String> params = client.authorizeParams(null, null);
    params.remove("scope");
    String code = client.authorize(params, "user1@orgvault.sim", "orgvault-demo").get("code");
    JsonNode t = json(client.token(codeGrant(code, null, SECRET)));
    assertThat(t.get("scope").asText().split(" ")).contains("api", "refresh_token", "id", "full");
    assertThat(t.has("refresh_token")).isTrue();
  }

  @Test
  void theResponseIsFormEncodedWhenAskedFor() throws Exception {
    Map<String, String> form = codeGrant(code(null), null, SECRET);
    form.put("format", "urlencoded");
    HttpResponse<String> r = client.token(form);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/x-www-form-urlencoded");
    Map<String, String> fields = OAuthTestClient.query(r.body());
    assertThat(fields.get("token_type")).isEqualTo("Bearer");
    assertThat(sim.tokens().validate(fields.get("access_token"))).isPresent();

    HttpResponse<String> err =
        client.token(Map.of("grant_type", "nope"), "Accept", "application/x-www-form-urlencoded");
    assertThat(err.statusCode()).isEqualTo(400);
    assertThat(OAuthTestClient.query(err.body())).containsEntry("error", "unsupported_grant_type");
  }

  private String code(String challenge) throws Exception {
    return client
        .authorize(client.authorizeParams(challenge, null), "user1@orgvault.sim", "orgvault-demo")
        .get("code");
  }

  private Map<String, String> codeGrant(String code, String verifier, String secret) {
    Map<String, String> f = new HashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("code", code);
    f.put("client_id", sim.connectedApp().consumerKey());
    f.put("redirect_uri", CALLBACK);
    if (verifier != null) {
      f.put("code_verifier", verifier);
    }
    if (secret != null) {
      f.put("client_secret", secret);
    }
    return f;
  }

  static void assertError(HttpResponse<String> r, String error, String description)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode e = json(r);
    assertThat(e.get("error").asText()).isEqualTo(error);
    assertThat(e.get("error_description").asText()).isEqualTo(description);
    assertThat(e.size()).isEqualTo(2);
  }

  static String hmac(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
  }
}
