package io.orgvault.simulator.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.auth.Session;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.ApiVersions;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.http.Router;
import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.SalesforceId;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The identity services: the identity URL {@code /id/<orgId>/<userId>} and the OpenID Connect
 * {@code /services/oauth2/userinfo} endpoint. Both take the access token as a bearer token or an
 * {@code oauth_token} parameter; their errors are a status and one word of plain text ({@code
 * Bad_OAuth_Token}), not the REST error array.
 */
final class IdentityEndpoints {
  /** The simulated org's users all live in one time zone and locale. */
  private static final String TIME_ZONE = "America/Los_Angeles";

  private static final long UTC_OFFSET_MILLIS = -8 * 3600 * 1000L;
  private static final String LOCALE = "en_US";

  private final SimulatorContext ctx;

  IdentityEndpoints(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  /** The identity URL of a user, the {@code id} of token responses. */
  static String identityUrl(SimulatorContext ctx, String userId) {
    return ctx.instanceUrl() + "/id/" + ctx.org().orgId() + "/" + userId;
  }

  /** An error of the identity services: a status and a one-word plain-text body. */
  static ApiException error(int status, String code) {
    return new ApiException(status, code, code);
  }

  static void writeError(Request req, ApiException e) throws IOException {
    // The router's own failures (500, 404) keep their status; the body is their code.
    Responses.text(req.exchange(), e.status(), "text/plain;charset=UTF-8", e.errorCode());
  }

  /** {@code GET|POST /id/<orgId>/<userId>}. */
  void identity(Request req) throws IOException {
    Map<String, String> params = params(req);
    Session session = session(req, params);
    String[] parts = req.path().split("/", -1);
    // "", "id", orgId, userId
    if (parts.length != 4) {
      throw error(404, "Bad_Id");
    }
    String orgId = SalesforceId.normalize(parts[2]);
    String userId = SalesforceId.normalize(parts[3]);
    if (orgId == null || userId == null) {
      throw error(404, "Bad_Id");
    }
    if (!orgId.equals(ctx.org().orgId())) {
      throw error(403, "Wrong_Org");
    }
    OrgUser user = OrgUser.byId(ctx.org(), userId).orElseThrow(() -> error(404, "Bad_Id"));
    boolean self = user.id().equals(SalesforceId.normalize(session.userId()));
    // Another user's identity needs a token with the api or full scope.
    if (!self && !Scopes.has(session.scope(), "api") && !Scopes.has(session.scope(), "full")) {
      throw error(403, "No_Access");
    }
    if (!user.active()) {
      throw error(404, "Inactive");
    }
    String version = version(params.get("version"));
    ObjectNode n = Responses.JSON.createObjectNode();
    n.put("id", identityUrl(ctx, user.id()));
    n.put("asserted_user", self);
    n.put("user_id", user.id());
    n.put("organization_id", ctx.org().orgId());
    n.put("username", user.username());
    n.put("nick_name", user.alias());
    n.put("display_name", user.displayName());
    n.put("email", user.email());
    n.put("email_verified", true);
    n.put("first_name", user.firstName());
    n.put("last_name", user.lastName());
    n.put("timezone", TIME_ZONE);
    photos(n.putObject("photos"));
    n.putNull("addr_street");
    n.putNull("addr_city");
    n.putNull("addr_state");
    n.put("addr_country", "US");
    n.putNull("addr_zip");
    n.putNull("mobile_phone");
    n.put("mobile_phone_verified", false);
    n.put("is_lightning_login_user", false);
    ObjectNode status = n.putObject("status");
    status.putNull("created_date");
    status.putNull("body");
    urls(n.putObject("urls"), user, version);
    settings(n);
    n.put("last_modified_date", FieldValues.restDateTime(user.lastModified()));
    n.put("is_app_installed", true);
    Responses.json(req.exchange(), 200, n);
  }

  /** {@code GET|POST /services/oauth2/userinfo}: the OpenID Connect claims of the token's user. */
  void userinfo(Request req) throws IOException {
    Map<String, String> params = params(req);
    Session session = session(req, params);
    OrgUser user =
        OrgUser.byId(ctx.org(), session.userId())
            .filter(OrgUser::active)
            .orElseThrow(() -> error(403, "Bad_OAuth_Token"));
    String version = version(params.get("version"));
    ObjectNode n = Responses.JSON.createObjectNode();
    n.put("sub", identityUrl(ctx, user.id()));
    n.put("user_id", user.id());
    n.put("organization_id", ctx.org().orgId());
    n.put("preferred_username", user.username());
    n.put("nickname", user.alias());
    n.put("name", user.displayName());
    n.put("email", user.email());
    n.put("email_verified", true);
    n.put("given_name", user.firstName());
    n.put("family_name", user.lastName());
    n.put("zoneinfo", TIME_ZONE);
    photos(n.putObject("photos"));
    n.put("profile", ctx.instanceUrl() + "/" + user.id());
    n.put("picture", ctx.instanceUrl() + "/profilephoto/005/F");
    n.putObject("address").put("country", "US");
    n.put("is_salesforce_integration_user", false);
    urls(n.putObject("urls"), user, version);
    settings(n);
    n.put("updated_at", user.lastModified().truncatedTo(ChronoUnit.SECONDS).toString());
    n.put("is_app_installed", true);
    Responses.json(req.exchange(), 200, n);
  }

  private static Map<String, String> params(Request req) throws IOException {
    try {
      return OAuthParams.of(req);
    } catch (ApiException e) {
      throw error(400, "Bad_Request");
    }
  }

  private Session session(Request req, Map<String, String> params) {
    String token = Router.bearer(req);
    if (token == null) {
      token = params.getOrDefault("oauth_token", params.get("access_token"));
    }
    if (token == null || token.isBlank()) {
      throw error(403, "Missing_OAuth_Token");
    }
    return ctx.tokens().validate(token).orElseThrow(() -> error(403, "Bad_OAuth_Token"));
  }

  /**
   * The API version the URLs name: without {@code version} they keep the literal {@code {version}}
   * placeholder; {@code latest} or a supported number fills it in.
   */
  private static String version(String requested) {
    if (requested == null) {
      return "{version}";
    }
    if (requested.equalsIgnoreCase("latest")) {
      return ApiVersions.LATEST + ".0";
    }
    if (requested.matches("\\d{2}(\\.0)?")) {
      int v = Integer.parseInt(requested.substring(0, 2));
      if (ApiVersions.supported(v)) {
        return v + ".0";
      }
    }
    throw error(406, "Invalid_Version");
  }

  /** The user's settings; a user whose identity is given is active. */
  private static void settings(ObjectNode n) {
    n.put("active", true);
    n.put("user_type", "STANDARD");
    n.put("language", LOCALE);
    n.put("locale", LOCALE);
    n.put("utcOffset", UTC_OFFSET_MILLIS);
  }

  private void photos(ObjectNode photos) {
    photos.put("picture", ctx.instanceUrl() + "/profilephoto/005/F");
    photos.put("thumbnail", ctx.instanceUrl() + "/profilephoto/005/T");
  }

  private void urls(ObjectNode urls, OrgUser user, String version) {
    String base = ctx.instanceUrl();
    String org15 = ctx.org().orgId().substring(0, 15);
    String data = base + "/services/data/v" + version + "/";
    urls.put("enterprise", base + "/services/Soap/c/" + version + "/" + org15);
    urls.put("metadata", base + "/services/Soap/m/" + version + "/" + org15);
    urls.put("partner", base + "/services/Soap/u/" + version + "/" + org15);
    urls.put("rest", data);
    urls.put("sobjects", data + "sobjects/");
    urls.put("search", data + "search/");
    urls.put("query", data + "query/");
    urls.put("recent", data + "recent/");
    urls.put("tooling_soap", base + "/services/Soap/T/" + version + "/" + org15);
    urls.put("tooling_rest", data + "tooling/");
    urls.put("profile", base + "/" + user.id());
    urls.put("feeds", data + "chatter/feeds");
    urls.put("groups", data + "chatter/groups");
    urls.put("users", data + "chatter/users");
    urls.put("feed_items", data + "chatter/feed-items");
    urls.put("feed_elements", data + "chatter/feed-elements");
    urls.put("custom_domain", base);
  }
}
