package io.orgvault.web.apikey.auth;

import io.orgvault.web.apikey.service.ApiKeyService;
import io.orgvault.web.tenancy.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/** Turns a bearer key into an identity: an operator, or a tenant admin of the key's tenant. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyCredential> {
  @Inject ApiKeyService keys;
  @Inject OperatorKeys operatorKeys;

  @Override
  public Class<ApiKeyCredential> getRequestType() {
    return ApiKeyCredential.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      ApiKeyCredential request, AuthenticationRequestContext context) {
    return context.runBlocking(() -> identify(request));
  }

  @ActivateRequestContext
  SecurityIdentity identify(ApiKeyCredential request) {
    var token = request.token();
    if (operatorKeys.accepts(token)) {
      return QuarkusSecurityIdentity.builder()
          .setPrincipal(new QuarkusPrincipal("operator-key:" + token.prefix()))
          .addRole(Roles.OPERATOR)
          .build();
    }
    return keys.authenticate(token)
        .map(
            k ->
                (SecurityIdentity)
                    QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("api-key:" + k.keyId()))
                        .addRole(Roles.TENANT_ADMIN)
                        .addAttribute(Roles.TENANT_ATTRIBUTE, k.tenant())
                        .build())
        // One message for every failure: no telling a revoked key from an unknown one.
        .orElseThrow(() -> new AuthenticationFailedException("invalid API key"));
  }
}
