package io.orgvault.simulator.oauth;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.auth.RefreshTokens;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Handler;
import io.orgvault.simulator.http.Request;
import java.io.IOException;
import java.time.Clock;

/**
 * Salesforce's OAuth 2.0 endpoints and identity services:
 *
 * <ul>
 *   <li>{@code /services/oauth2/authorize}: the web server flow's login and consent pages
 *   <li>{@code /services/oauth2/token}: authorization code (with PKCE), refresh token and JWT
 *       bearer grants
 *   <li>{@code /services/oauth2/revoke}: revocation of access and refresh tokens
 *   <li>{@code /services/oauth2/userinfo} and {@code /id/<orgId>/<userId>}: who a token is for
 * </ul>
 *
 * Each kind of endpoint answers errors in its own shape: token and revoke with the OAuth {@code
 * error} object, the identity services with one word of plain text, the pages with an HTML page.
 */
public final class OAuthApi implements Handler {
  private static final String OAUTH2 = "/services/oauth2/";

  private final AuthorizePages authorize;
  private final TokenEndpoint token;
  private final RevokeEndpoint revoke;
  private final IdentityEndpoints identity;

  public OAuthApi(SimulatorContext ctx) {
    this(ctx, AuthorizePages.DEFAULT_DEMO_PASSWORD);
  }

  /**
   * @param demoPassword the password of every simulated user on the login page
   */
  public OAuthApi(SimulatorContext ctx, String demoPassword) {
    this(ctx, demoPassword, Clock.systemUTC());
  }

  OAuthApi(SimulatorContext ctx, String demoPassword, Clock clock) {
    AuthorizationCodes codes = new AuthorizationCodes(clock);
    RefreshTokens refreshTokens = new RefreshTokens(clock);
    this.authorize = new AuthorizePages(ctx, new PendingLogins(clock), codes, demoPassword);
    this.token = new TokenEndpoint(ctx, codes, refreshTokens, clock);
    this.revoke = new RevokeEndpoint(ctx, refreshTokens);
    this.identity = new IdentityEndpoints(ctx);
  }

  /** The default password of every simulated user, shown on the login page. */
  public static String defaultDemoPassword() {
    return AuthorizePages.DEFAULT_DEMO_PASSWORD;
  }

  @Override
  public void handle(Request request) throws IOException {
    switch (endpoint(request.path())) {
      case AUTHORIZE -> authorize.handle(request);
      case TOKEN -> token.handle(request);
      case REVOKE -> revoke.handle(request);
      case USERINFO -> identity.userinfo(request);
      case IDENTITY -> identity.identity(request);
      default -> throw new ApiException(404, "not_found", "the requested resource does not exist");
    }
  }

  @Override
  public void writeError(Request request, ApiException e) throws IOException {
    switch (endpoint(request.path())) {
      case AUTHORIZE -> AuthorizePages.writeError(request, e);
      case USERINFO, IDENTITY -> IdentityEndpoints.writeError(request, e);
      default -> OAuthResponses.error(request, null, e);
    }
  }

  private enum Endpoint {
    AUTHORIZE,
    TOKEN,
    REVOKE,
    USERINFO,
    IDENTITY,
    UNKNOWN
  }

  private static Endpoint endpoint(String path) {
    if (path.startsWith("/id/")) {
      return Endpoint.IDENTITY;
    }
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return switch (p) {
      case OAUTH2 + "authorize" -> Endpoint.AUTHORIZE;
      case OAUTH2 + "token" -> Endpoint.TOKEN;
      case OAUTH2 + "revoke" -> Endpoint.REVOKE;
      case OAUTH2 + "userinfo" -> Endpoint.USERINFO;
      default -> Endpoint.UNKNOWN;
    };
  }
}
