package io.orgvault.web.apikey.auth;

import io.orgvault.web.apikey.ApiKeyToken;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer ov?_...}. A header that is not an OrgVault key is left to
 * other mechanisms ([G] adds sessions, SAML and OIDC); one that is shaped like a key but wrong
 * fails with 401.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
  private static final String BEARER = "Bearer ";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String header = context.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Uni.createFrom().optional(Optional.empty());
    }
    Optional<ApiKeyToken> token = ApiKeyToken.parse(header.substring(BEARER.length()).trim());
    if (token.isEmpty()) {
      return Uni.createFrom().optional(Optional.empty());
    }
    return identityProviderManager.authenticate(
        HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyCredential(token.get()), context));
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom()
        .item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"orgvault\""));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyCredential.class);
  }
}
