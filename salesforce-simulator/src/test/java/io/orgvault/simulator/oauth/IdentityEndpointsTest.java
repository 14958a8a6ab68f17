package io.orgvault.simulator.oauth;

import static io.orgvault.simulator.oauth.OAuthTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The identity URL and the OpenID Connect userinfo endpoint. */
class IdentityEndpointsTest extends OAuthFixture {
  private String instance;
  private String org;
  private String org15;

  @BeforeAll
  void names() {
    instance = sim.context().instanceUrl();
    org = sim.org().orgId();
    org15 = org.substring(0, 15);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return client.get(path, "Authorization", "Bearer " + token);
  }

  @Test
  void theIdentityUrlDescribesTheUserWithVersionPlaceholders() throws Exception {
    String user = sim.org().userId(2);
    String token = sim.issueToken(user);
    HttpResponse<String> r = get("/id/" + org + "/" + user, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode n = json(r);
    assertThat(n.get("id").asText()).isEqualTo(instance + "/id/" + org + "/" + user);
    assertThat(n.get("asserted_user").asBoolean()).isTrue();
    assertThat(n.get("user_id").asText()).isEqualTo(user);
    assertThat(n.get("organization_id").asText()).isEqualTo(org);
    assertThat(n.get("username").asText()).isEqualTo("user2@orgvault.sim");
    assertThat(n.get("email").asText()).contains("@");
    assertThat(n.get("display_name").asText()).isNotBlank();
    assertThat(n.get("active").asBoolean()).isTrue();
    assertThat(n.get("user_type").asText()).isEqualTo("STANDARD");
    assertThat(n.get("language").asText()).isEqualTo("en_US");
    assertThat(n.get("locale").asText()).isEqualTo("en_US");
    assertThat(n.get("utcOffset").isNumber()).isTrue();
    assertThat(n.get("last_modified_date").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
    assertThat(n.get("status").has("body")).isTrue();
    assertThat(n.get("photos").get("picture").asText()).startsWith(instance);
    JsonNode urls = n.get("urls");
    assertThat(urls.get("enterprise").asText())
        .isEqualTo(instance + "/services/Soap/c/{version}/" + org15);
    assertThat(urls.get("partner").asText())
        .isEqualTo(instance + "/services/Soap/u/{version}/" + org15);
    assertThat(urls.get("rest").asText()).isEqualTo(instance + "/services/data/v{version}/");
    assertThat(urls.get("sobjects").asText())
        .isEqualTo(instance + "/services/data/v{version}/sobjects/");
    assertThat(urls.get("query").asText()).isEqualTo(instance + "/services/data/v{version}/query/");
    assertThat(urls.has("metadata")).isTrue();
    assertThat(urls.has("search")).isTrue();
    assertThat(urls.has("custom_domain")).isTrue();
  }

  @Test
  void aVersionParameterFillsInTheUrls() throws Exception {
    String user = sim.org().userId(1);
    String token = sim.issueToken(user);
    JsonNode latest = json(get("/id/" + org + "/" + user + "?version=latest", token));
    assertThat(latest.get("urls").get("rest").asText())
        .isEqualTo(instance + "/services/data/v65.0/");
    JsonNode v60 = json(get("/id/" + org + "/" + user + "?version=60.0", token));
    assertThat(v60.get("urls").get("partner").asText())
        .isEqualTo(instance + "/services/Soap/u/60.0/" + org15);
    HttpResponse<String> bad = get("/id/" + org + "/" + user + "?version=12.0", token);
    assertThat(bad.statusCode()).isEqualTo(406);
    assertThat(bad.body()).isEqualTo("Invalid_Version");
  }

  @Test
  void fifteenCharacterIdsAndTheOauthTokenParameterWork() throws Exception {
    String user = sim.org().userId(3);
    String token = sim.issueToken(user);
    HttpResponse<String> r =
        client.get(
            "/id/"
                + org15
                + "/"
                + user.substring(0, 15)
                + "?oauth_token="
                + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("user_id").asText()).isEqualTo(user);
  }

  @Test
  void anotherUsersIdentityNeedsTheApiScope() throws Exception {
    String me = sim.org().userId(1);
    String other = sim.org().userId(2);
    JsonNode n = json(get("/id/" + org + "/" + other, sim.issueToken(me)));
    assertThat(n.get("asserted_user").asBoolean()).isFalse();
    assertThat(n.get("user_id").asText()).isEqualTo(other);

    String idOnly = sim.tokens().issue(me, sim.connectedApp().consumerKey(), "id");
    HttpResponse<String> r = get("/id/" + org + "/" + other, idOnly);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("No_Access");
    assertThat(get("/id/" + org + "/" + me, idOnly).statusCode()).isEqualTo(200);
  }

  @Test
  void identityErrorsArePlainWords() throws Exception {
    String user = sim.org().userId(1);
    String token = sim.issueToken(user);
    HttpResponse<String> missing = client.get("/id/" + org + "/" + user);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(missing.body()).isEqualTo("Missing_OAuth_Token");

    HttpResponse<String> bad = get("/id/" + org + "/" + user, org15 + "!nope");
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(bad.body()).isEqualTo("Bad_OAuth_Token");
    assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");

    String otherOrg = io.orgvault.simulator.org.SalesforceId.of("00D", 123_456_789);
    assertThat(otherOrg).isNotEqualTo(org);
    HttpResponse<String> wrongOrg = get("/id/" + otherOrg + "/" + user, token);
    assertThat(wrongOrg.statusCode()).isEqualTo(403);
    assertThat(wrongOrg.body()).isEqualTo("Wrong_Org");

    HttpResponse<String> noUser = get("/id/" + org + "/" + sim.org().userId(999), token);
    assertThat(noUser.statusCode()).isEqualTo(404);
    assertThat(noUser.body()).isEqualTo("Bad_Id");

    assertThat(get("/id/" + org + "/garbage", token).body()).isEqualTo("Bad_Id");
    assertThat(get("/id/" + org, token).body()).isEqualTo("Bad_Id");
  }

  @Test
  void userinfoIsTheOpenIdConnectView() throws Exception {
    String user = sim.org().userId(4);
    HttpResponse<String> r = get("/services/oauth2/userinfo", sim.issueToken(user));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = json(r);
    assertThat(n.get("sub").asText()).isEqualTo(instance + "/id/" + org + "/" + user);
    assertThat(n.get("user_id").asText()).isEqualTo(user);
    assertThat(n.get("organization_id").asText()).isEqualTo(org);
    assertThat(n.get("preferred_username").asText()).isEqualTo("user4@orgvault.sim");
    assertThat(n.get("email").asText()).contains("@");
    assertThat(n.get("name").asText())
        .isEqualTo(n.get("given_name").asText() + " " + n.get("family_name").asText());
    assertThat(n.get("zoneinfo").asText()).isEqualTo("America/Los_Angeles");
    assertThat(n.get("locale").asText()).isEqualTo("en_US");
    assertThat(n.get("active").asBoolean()).isTrue();
    assertThat(n.get("user_type").asText()).isEqualTo("STANDARD");
    assertThat(n.get("updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(n.get("urls").get("rest").asText())
        .isEqualTo(instance + "/services/data/v{version}/");

    HttpResponse<String> bad = get("/services/oauth2/userinfo", "nope");
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(bad.body()).isEqualTo("Bad_OAuth_Token");
  }

  @Test
  void anUnknownOauthPathIsANotFound() throws Exception {
    HttpResponse<String> r = client.get("/services/oauth2/nothing-here");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).isEqualTo("not_found");
  }
}
