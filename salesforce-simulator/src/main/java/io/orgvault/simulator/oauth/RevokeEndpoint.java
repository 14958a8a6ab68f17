package io.orgvault.simulator.oauth;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.auth.RefreshTokens;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /services/oauth2/revoke}: a POST with a form {@code token=}, or a GET with the token in
 * the query. Revoking an access token ends that session; revoking a refresh token ends it and every
 * access token issued under it. Success is a 200 with no body.
 */
final class RevokeEndpoint {
  private final SimulatorContext ctx;
  private final RefreshTokens refreshTokens;

  RevokeEndpoint(SimulatorContext ctx, RefreshTokens refreshTokens) {
    this.ctx = ctx;
    this.refreshTokens = refreshTokens;
  }

  void handle(Request req) throws IOException {
    Map<String, String> p = null;
    try {
      if (!"POST".equalsIgnoreCase(req.method()) && !"GET".equalsIgnoreCase(req.method())) {
        throw OAuthErrors.of("invalid_request", "must use HTTP POST or GET");
      }
      p = OAuthParams.of(req);
      revoke(req, p.get("token"));
    } catch (ApiException e) {
      OAuthResponses.error(req, p, e);
    }
  }

  private void revoke(Request req, String token) throws IOException {
    boolean revoked = ctx.tokens().revoke(token);
    if (!revoked) {
      Optional<RefreshTokens.Grant> grant = refreshTokens.revoke(token);
      grant.ifPresent(g -> ctx.tokens().revokeGrant(g.id()));
      revoked = grant.isPresent();
    }
    if (revoked) {
      Responses.send(req.exchange(), 200, null, null);
      return;
    }
    if (ctx.tokens().looksIssuedHere(token) || RefreshTokens.looksLikeRefreshToken(token)) {
      // One of ours, but revoked or expired already.
      throw OAuthErrors.of("invalid_token", "invalid token");
    }
    throw OAuthErrors.of("unsupported_token_type", "this token type is not supported");
  }
}
