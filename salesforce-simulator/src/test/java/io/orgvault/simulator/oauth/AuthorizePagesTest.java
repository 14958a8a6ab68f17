package io.orgvault.simulator.oauth;

import static io.orgvault.simulator.oauth.OAuthTestClient.CALLBACK;
import static io.orgvault.simulator.oauth.OAuthTestClient.authorizeUrl;
import static io.orgvault.simulator.oauth.OAuthTestClient.callback;
import static io.orgvault.simulator.oauth.OAuthTestClient.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgvault.simulator.Simulator;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The login and consent pages of the web server flow, and how they fail. */
class AuthorizePagesTest extends OAuthFixture {
  private static final String AUTHORIZE = "/services/oauth2/authorize";

  @Test
  void theLoginPageIsAFormWithTheDemoPasswordAndSafeHeaders() throws Exception {
    HttpResponse<String> r = client.get(authorizeUrl(client.authorizeParams(null, "x")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("default-src 'none'");
    assertThat(r.body())
        .contains("<form method=\"post\" action=\"/services/oauth2/authorize\">")
        .contains("name=\"username\"")
        .contains("type=\"password\"")
        .contains("orgvault-demo")
        .contains("user1@orgvault.sim")
        .doesNotContain("<script");
    assertThat(flow(r.body())).hasSizeGreaterThan(20);
  }

  @Test
  void aWrongPasswordShowsTheLoginFormAgain() throws Exception {
    HttpResponse<String> login = client.get(authorizeUrl(client.authorizeParams(null, null)));
    HttpResponse<String> again =
        client.post(
            AUTHORIZE,
            Map.of("flow", flow(login.body()), "username", "user1@orgvault.sim", "password", "x"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body())
        .contains("Check your username and password")
        .contains("value=\"user1@orgvault.sim\"")
        .doesNotContain("Allow access?");
    assertThat(flow(again.body())).isNotEqualTo(flow(login.body()));

    HttpResponse<String> unknown =
        client.post(
            AUTHORIZE,
            Map.of(
                "flow",
                flow(again.body()),
                "username",
                "nobody@orgvault.sim",
                "password",
                "orgvault-demo"));
    assertThat(unknown.body()).contains("Check your username and password");
  }

  @Test
  void theConsentPageListsTheScopesAndTheUser() throws Exception {
    Map<String, String> params = client.authorizeParams(null, null);
    params.put("scope", "api refresh_token");
    HttpResponse<String> login = client.get(authorizeUrl(params));
    HttpResponse<String> consent =
        client.post(
            AUTHORIZE,
            Map.of(
                "flow", flow(login.body()),
                "username", "USER3@orgvault.sim",
                "password", "orgvault-demo"));
    assertThat(consent.body())
        .contains("Allow access?")
        .contains("Manage user data via APIs (api)")
        .contains("Perform requests at any time (refresh_token)")
        .contains("user3@orgvault.sim")
        .contains("value=\"allow\"")
        .contains("value=\"deny\"");
  }

  @Test
  void denyingRedirectsWithAccessDeniedAndTheState() throws Exception {
    HttpResponse<String> login = client.get(authorizeUrl(client.authorizeParams(null, "st-1")));
    HttpResponse<String> consent =
        client.post(
            AUTHORIZE,
            Map.of(
                "flow", flow(login.body()),
                "username", "user1@orgvault.sim",
                "password", "orgvault-demo"));
    Map<String, String> cb =
        callback(client.post(AUTHORIZE, Map.of("flow", flow(consent.body()), "decision", "deny")));
    assertThat(cb)
        .containsEntry("error", "access_denied")
        .containsEntry("state", "st-1")
        .doesNotContainKey("code");
  }

  @Test
  void aFormCanBePostedOnlyOnce() throws Exception {
    HttpResponse<String> login = client.get(authorizeUrl(client.authorizeParams(null, null)));
    Map<String, String> form =
        Map.of(
            "flow",
            flow(login.body()),
            "username",
            "user1@orgvault.sim",
            "password",
            "orgvault-demo");
    assertThat(client.post(AUTHORIZE, form).body()).contains("Allow access?");
    HttpResponse<String> replay = client.post(AUTHORIZE, form);
    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(replay.headers().firstValue("Location")).isEmpty();
    assertThat(replay.body()).contains("OAuth Error").contains("error=invalid_request");

    HttpResponse<String> forged =
        client.post(AUTHORIZE, Map.of("flow", "made-up", "decision", "allow"));
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void anUnknownClientGetsAnErrorPageNotARedirect() throws Exception {
    Map<String, String> params = client.authorizeParams(null, null);
    params.put("client_id", "unknown");
    HttpResponse<String> r = client.get(authorizeUrl(params));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Location")).isEmpty();
    assertThat(r.body()).contains("error=invalid_client_id");
  }

  @Test
  void aRedirectUriThatIsNotACallbackUrlGetsAnErrorPage() throws Exception {
    for (String uri :
        new String[] {CALLBACK + "/other", CALLBACK + "?x=1", "https://evil.example.com/cb"}) {
      Map<String, String> params = client.authorizeParams(null, null);
      params.put("redirect_uri", uri);
      HttpResponse<String> r = client.get(authorizeUrl(params));
      assertThat(r.statusCode()).as(uri).isEqualTo(400);
      assertThat(r.headers().firstValue("Location")).as(uri).isEmpty();
      assertThat(r.body()).contains("error=redirect_uri_mismatch");
    }
  }

  @Test
  void onceTheRedirectUriIsTrustedErrorsGoToIt() throws Exception {
    Map<String, String> params = client.authorizeParams(null, "s");
    params.put("response_type", "token id_token");
    assertThat(callback(client.get(authorizeUrl(params))))
        .containsEntry("error", "unsupported_response_type")
        .containsEntry("state", "s");

    params = client.authorizeParams("abc", "s");
    params.put("code_challenge_method", "plain");
    assertThat(callback(client.get(authorizeUrl(params))))
        .containsEntry("error", "invalid_request");

    params = client.authorizeParams(null, null);
    params.put("scope", "api chatter_api");
    assertThat(callback(client.get(authorizeUrl(params))))
        .containsEntry("error", "invalid_scope")
        .doesNotContainKey("state");
  }

  @Test
  void everythingEchoedIsEscaped() throws Exception {
    Map<String, String> params = client.authorizeParams(null, null);
    params.put("login_hint", "\"><script>alert(1)</script>");
    HttpResponse<String> r = client.get(authorizeUrl(params));
    assertThat(r.body())
        .doesNotContain("<script>")
        .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");

    HttpResponse<String> again =
        client.post(
            AUTHORIZE,
            Map.of(
                "flow",
                flow(r.body()),
                "username",
                "<img src=x onerror=alert(1)>",
                "password",
                "x"));
    assertThat(again.body()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void aConfiguredPasswordReplacesTheDefaultAndIsNotShown() throws Exception {
    try (Simulator custom = OAuthTestClient.simulator().demoPassword("s3cret-pw").start()) {
      OAuthTestClient c = new OAuthTestClient(custom);
      HttpResponse<String> login = c.get(authorizeUrl(c.authorizeParams(null, null)));
      assertThat(login.body()).doesNotContain("s3cret-pw").doesNotContain("orgvault-demo");
      HttpResponse<String> refused =
          c.post(
              AUTHORIZE,
              Map.of(
                  "flow", flow(login.body()),
                  "username", "user1@orgvault.sim",
                  "password", "orgvault-demo"));
      assertThat(refused.body()).contains("Check your username and password");
      assertThat(c.authorize(c.authorizeParams(null, null), "user1@orgvault.sim", "s3cret-pw"))
          .containsKey("code");
    }
  }
}
