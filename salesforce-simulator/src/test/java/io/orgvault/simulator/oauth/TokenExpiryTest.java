package io.orgvault.simulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.Simulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Access tokens from the OAuth grants expire after the simulator's token lifetime. */
class TokenExpiryTest {
  @Test
  void anAccessTokenStopsWorkingAfterItsLifetime() throws Exception {
    try (Simulator sim =
        OAuthTestClient.simulator().tokenLifetime(Duration.ofMillis(400)).start()) {
      OAuthTestClient client = new OAuthTestClient(sim);
      var tokens = client.webServerTokens("user1@orgvault.sim", "api refresh_token", null);
      String access = tokens.get("access_token").asText();
      assertThat(
              client
                  .get("/services/oauth2/userinfo", "Authorization", "Bearer " + access)
                  .statusCode())
          .isEqualTo(200);

      Thread.sleep(600);
      var expired = client.get("/services/oauth2/userinfo", "Authorization", "Bearer " + access);
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.body()).isEqualTo("Bad_OAuth_Token");
      assertThat(sim.tokens().validate(access)).isEmpty();

      // The refresh token outlives its access tokens and gets a fresh one.
      var refreshed =
          client.token(
              java.util.Map.of(
                  "grant_type", "refresh_token",
                  "refresh_token", tokens.get("refresh_token").asText(),
                  "client_id", sim.connectedApp().consumerKey()));
      assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
      String fresh = OAuthTestClient.json(refreshed).get("access_token").asText();
      assertThat(sim.tokens().validate(fresh)).isPresent();
    }
  }
}
