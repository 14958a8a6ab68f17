package io.orgvault.simulator.oauth;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.auth.AccessTokens;
import io.orgvault.simulator.auth.RefreshTokens;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.oauth.AuthorizationCodes.CodeGrant;
import io.orgvault.simulator.oauth.AuthorizationCodes.Redemption;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /services/oauth2/token}: the authorization code (web server flow, with PKCE), refresh
 * token and JWT bearer grants.
 */
final class TokenEndpoint {
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final SimulatorContext ctx;
  private final AuthorizationCodes codes;
  private final RefreshTokens refreshTokens;
  private final Clock clock;

  TokenEndpoint(
      SimulatorContext ctx, AuthorizationCodes codes, RefreshTokens refreshTokens, Clock clock) {
    this.ctx = ctx;
    this.codes = codes;
    this.refreshTokens = refreshTokens;
    this.clock = clock;
  }

  void handle(Request req) throws IOException {
    Map<String, String> p = null;
    try {
      if (!"POST".equalsIgnoreCase(req.method())) {
        throw OAuthErrors.of("invalid_request", "must use HTTP POST");
      }
      p = OAuthParams.of(req);
      Map<String, String> body =
          switch (p.getOrDefault("grant_type", "")) {
            case "authorization_code" -> authorizationCode(req, p);
            case "refresh_token" -> refresh(req, p);
            case JWT_BEARER -> jwtBearer(p);
            default -> throw OAuthErrors.unsupportedGrantType();
          };
      OAuthResponses.write(req, p, 200, body);
    } catch (ApiException e) {
      // Answered here, where the parameters (and so the asked-for format) are known.
      OAuthResponses.error(req, p, e);
    }
  }

  private Map<String, String> authorizationCode(Request req, Map<String, String> p) {
    Client client = client(req, p);
    // Redeeming burns the code whatever happens next: a code is good for one attempt.
    Redemption r = codes.redeem(p.get("code"));
    switch (r.status()) {
      case UNKNOWN -> throw OAuthErrors.invalidCode();
      case EXPIRED -> throw OAuthErrors.expiredCode();
      default -> {}
    }
    CodeGrant g = r.grant();
    AuthorizationRequest a = g.request();
    if (!a.clientId().equals(client.id())) {
      throw OAuthErrors.invalidCode();
    }
    if (!a.redirectUri().equals(p.get("redirect_uri"))) {
      throw OAuthErrors.redirectMismatch();
    }
    boolean pkce = a.codeChallenge() != null;
    checkSecret(client.secret(), pkce);
    String verifier = p.get("code_verifier");
    if (pkce && (verifier == null || verifier.isEmpty())) {
      throw OAuthErrors.of("invalid_grant", "invalid code verifier");
    }
    if (pkce ? !Pkce.matches(verifier, a.codeChallenge()) : verifier != null) {
      throw OAuthErrors.of("invalid_request", "invalid code verifier");
    }
    OrgUser user = activeUser(g.userId());
    RefreshTokens.Issued refresh = null;
    if (Scopes.refreshable(a.scope())) {
      boolean publicClient = pkce && (client.secret() == null || client.secret().isEmpty());
      refresh = refreshTokens.issue(user.id(), client.id(), a.scope(), publicClient);
    }
    return tokenResponse(user, client.id(), a.scope(), refresh, true);
  }

  private Map<String, String> refresh(Request req, Map<String, String> p) {
    Client client = client(req, p);
    RefreshTokens.Grant g =
        refreshTokens
            .find(p.get("refresh_token"))
            .filter(x -> x.clientId().equals(client.id()))
            .orElseThrow(OAuthErrors::badRefreshToken);
    checkSecret(client.secret(), g.publicClient());
    OrgUser user = activeUser(g.userId());
    // A refresh response carries no new refresh token: the client keeps using the one it has.
    AccessTokens.Issued t = ctx.tokens().issue(user.id(), client.id(), g.scope(), g.id());
    return body(t, user, g.scope(), null, true);
  }

  private Map<String, String> jwtBearer(Map<String, String> p) {
    JwtBearerAssertion.Claims claims =
        JwtBearerAssertion.verify(
            p.get("assertion"), ctx.connectedApp(), ctx.instanceUrl(), clock.instant());
    OrgUser user =
        OrgUser.byUsername(ctx.org(), claims.subject())
            .orElseThrow(
                () -> OAuthErrors.of("invalid_grant", "user hasn't approved this consumer"));
    if (!user.active()) {
      throw OAuthErrors.inactiveUser();
    }
    // The grant never issues a refresh token; the documented response has no signature either.
    return tokenResponse(user, claims.issuer(), Scopes.all(), null, false);
  }

  private Map<String, String> tokenResponse(
      OrgUser user, String clientId, String scope, RefreshTokens.Issued refresh, boolean signed) {
    String grant = refresh == null ? null : refresh.grant().id();
    AccessTokens.Issued t = ctx.tokens().issue(user.id(), clientId, scope, grant);
    return body(t, user, scope, refresh == null ? null : refresh.token(), signed);
  }

  /** The response fields in the order Salesforce writes them. */
  private Map<String, String> body(
      AccessTokens.Issued t, OrgUser user, String scope, String refreshToken, boolean signed) {
    String id = IdentityEndpoints.identityUrl(ctx, user.id());
    String issuedAt = Long.toString(t.session().issuedAt().toEpochMilli());
    Map<String, String> m = new LinkedHashMap<>();
    m.put("access_token", t.token());
    if (refreshToken != null) {
      m.put("refresh_token", refreshToken);
    }
    if (signed) {
      m.put(
          "signature", OAuthResponses.signature(id, issuedAt, ctx.connectedApp().consumerSecret()));
    }
    m.put("scope", scope);
    m.put("instance_url", ctx.instanceUrl());
    m.put("id", id);
    m.put("token_type", "Bearer");
    if (signed) {
      m.put("issued_at", issuedAt);
    }
    return m;
  }

  private OrgUser activeUser(String userId) {
    return OrgUser.byId(ctx.org(), userId)
        .filter(OrgUser::active)
        .orElseThrow(OAuthErrors::inactiveUser);
  }

  private record Client(String id, String secret) {
    @Override
    public String toString() {
      return "Client[" + id + "]";
    }
  }

  /** The client: {@code client_id}/{@code client_secret} parameters or HTTP Basic credentials. */
  private Client client(Request req, Map<String, String> p) {
    String id = p.get("client_id");
    String secret = p.get("client_secret");
    String auth = req.header("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw OAuthErrors.badClientSecret();
      }
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        // RFC 6749 2.3.1: both halves are form-encoded before they are joined.
        id =
            id != null
                ? id
                : URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        secret =
            secret != null
                ? secret
                : URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
      }
    }
    if (id == null || !id.equals(ctx.connectedApp().consumerKey())) {
      throw OAuthErrors.unknownClient();
    }
    return new Client(id, secret);
  }

  /**
   * The consumer secret is required unless the grant came from a public client that proved itself
   * with PKCE instead; a secret that is sent is always checked, as Salesforce does.
   */
  private void checkSecret(String secret, boolean publicClientAllowed) {
    if (secret == null || secret.isEmpty()) {
      if (publicClientAllowed) {
        return;
      }
      throw OAuthErrors.badClientSecret();
    }
    byte[] given = secret.getBytes(StandardCharsets.UTF_8);
    byte[] expected = ctx.connectedApp().consumerSecret().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expected)) {
      throw OAuthErrors.badClientSecret();
    }
  }
}
