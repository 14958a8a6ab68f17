package io.orgvault.simulator.oauth;

import static io.orgvault.simulator.oauth.OAuthTestClient.json;
import static io.orgvault.simulator.oauth.WebServerFlowTest.assertError;
import static io.orgvault.simulator.oauth.WebServerFlowTest.hmac;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.simulator.Simulator;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refresh token grant and token revocation. */
class RefreshAndRevokeTest extends OAuthFixture {
  private static final String SECRET = "REFRESH-REVOKE-SECRET";

  @Override
  Simulator.Builder simulator() throws Exception {
    return super.simulator().consumerSecret(SECRET);
  }

  private Map<String, String> refreshGrant(String refreshToken, String secret) {
    Map<String, String> f = new HashMap<>();
    f.put("grant_type", "refresh_token");
    if (refreshToken != null) {
      f.put("refresh_token", refreshToken);
    }
    f.put("client_id", sim.connectedApp().consumerKey());
    if (secret != null) {
      f.put("client_secret", secret);
    }
    return f;
  }

  private int userinfoStatus(String accessToken) throws Exception {
    return client
        .get("/services/oauth2/userinfo", "Authorization", "Bearer " + accessToken)
        .statusCode();
  }

  @Test
  void aRefreshGivesANewAccessTokenAndNoNewRefreshToken() throws Exception {
    JsonNode first = client.webServerTokens("user2@orgvault.sim", "api refresh_token", SECRET);
    HttpResponse<String> r =
        client.token(refreshGrant(first.get("refresh_token").asText(), SECRET));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode t = json(r);
    assertThat(t.has("refresh_token")).isFalse();
    assertThat(t.get("access_token").asText()).isNotEqualTo(first.get("access_token").asText());
    assertThat(t.get("scope").asText()).isEqualTo("api refresh_token");
    assertThat(t.get("id").asText()).isEqualTo(first.get("id").asText());
    assertThat(t.get("signature").asText())
        .isEqualTo(hmac(SECRET, t.get("id").asText() + t.get("issued_at").asText()));
    assertThat(sim.tokens().validate(t.get("access_token").asText()).orElseThrow().userId())
        .isEqualTo(sim.org().userId(2));
    // Refreshing does not end the earlier access token.
    assertThat(sim.tokens().validate(first.get("access_token").asText())).isPresent();
  }

  @Test
  void aRefreshNeedsTheSecretUnlessTheGrantCameFromAPublicPkceClient() throws Exception {
    String confidential =
        client
            .webServerTokens("user1@orgvault.sim", "api refresh_token", SECRET)
            .get("refresh_token")
            .asText();
    assertError(
        client.token(refreshGrant(confidential, null)),
        "invalid_client",
        "invalid client credentials");
    assertError(
        client.token(refreshGrant(confidential, "wrong")),
        "invalid_client",
        "invalid client credentials");

    String publicClient =
        client
            .webServerTokens("user1@orgvault.sim", "api refresh_token", null)
            .get("refresh_token")
            .asText();
    assertThat(client.token(refreshGrant(publicClient, null)).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownRefreshTokenIsAnInvalidGrant() throws Exception {
    assertError(
        client.token(refreshGrant("5Aep861madeUp", SECRET)),
        "invalid_grant",
        "expired access/refresh token");
    assertError(
        client.token(refreshGrant(null, SECRET)), "invalid_grant", "expired access/refresh token");
  }

  @Test
  void revokingAnAccessTokenEndsItsSession() throws Exception {
    String access =
        client.webServerTokens("user1@orgvault.sim", "api", SECRET).get("access_token").asText();
    assertThat(userinfoStatus(access)).isEqualTo(200);

    HttpResponse<String> r = client.post("/services/oauth2/revoke", Map.of("token", access));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(sim.tokens().validate(access)).isEmpty();
    assertThat(userinfoStatus(access)).isEqualTo(403);
    // The data API's router refuses the session as Salesforce does.
    HttpResponse<String> rest =
        client.get("/services/data/v65.0/limits", "Authorization", "Bearer " + access);
    assertThat(rest.statusCode()).isEqualTo(401);
    assertThat(json(rest).get(0).get("errorCode").asText()).isEqualTo("INVALID_SESSION_ID");

    assertError(
        client.post("/services/oauth2/revoke", Map.of("token", access)),
        "invalid_token",
        "invalid token");
  }

  @Test
  void revokingARefreshTokenEndsItAndEveryAccessTokenIssuedUnderIt() throws Exception {
    JsonNode first = client.webServerTokens("user3@orgvault.sim", "api refresh_token", SECRET);
    String refresh = first.get("refresh_token").asText();
    String fromRefresh =
        json(client.token(refreshGrant(refresh, SECRET))).get("access_token").asText();
    String unrelated =
        client.webServerTokens("user3@orgvault.sim", "api", SECRET).get("access_token").asText();

    HttpResponse<String> r =
        client.get(
            "/services/oauth2/revoke?token=" + URLEncoder.encode(refresh, StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);

    assertThat(sim.tokens().validate(first.get("access_token").asText())).isEmpty();
    assertThat(sim.tokens().validate(fromRefresh)).isEmpty();
    assertThat(userinfoStatus(fromRefresh)).isEqualTo(403);
    assertThat(sim.tokens().validate(unrelated)).isPresent();
    assertError(
        client.token(refreshGrant(refresh, SECRET)),
        "invalid_grant",
        "expired access/refresh token");
  }

  @Test
  void aTokenThatIsNotOursIsAnUnsupportedTokenType() throws Exception {
    assertError(
        client.post("/services/oauth2/revoke", Map.of("token", "whatever")),
        "unsupported_token_type",
        "this token type is not supported");
    assertError(
        client.post("/services/oauth2/revoke", Map.of()),
        "unsupported_token_type",
        "this token type is not supported");
  }

  @Test
  void anExpireAllFaultEndsAccessTokensButNotRefreshTokens() throws Exception {
    JsonNode t = client.webServerTokens("user1@orgvault.sim", "api refresh_token", SECRET);
    sim.tokens().expireAll();
    assertThat(userinfoStatus(t.get("access_token").asText())).isEqualTo(403);
    HttpResponse<String> r = client.token(refreshGrant(t.get("refresh_token").asText(), SECRET));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(userinfoStatus(json(r).get("access_token").asText())).isEqualTo(200);
  }
}
