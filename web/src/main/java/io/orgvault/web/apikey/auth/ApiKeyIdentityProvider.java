package io.orgvault.web.apikey.auth;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.Outcome;
import io.orgvault.web.apikey.service.ApiKeyService;
import io.orgvault.web.audit.AuditRecorder;
import io.orgvault.web.audit.ClientAddress;
import io.orgvault.web.audit.record.AuditFilter;
import io.orgvault.web.tenancy.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/** Turns a bearer key into an identity: an operator, or a tenant admin of the key's tenant. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyCredential> {
  @Inject ApiKeyService keys;
  @Inject OperatorKeys operatorKeys;
  @Inject AuditRecorder audit;
  @Inject ClientAddress clientAddress;

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
        .orElseThrow(
            () -> {
              recordFailure(request);
              return new AuthenticationFailedException("invalid API key");
            });
  }

  /**
   * A refused key, in the platform chain: the key's tenant is not told apart from an unknown key's
   * (that would be an oracle). The actor is the key's public prefix, never its secret.
   */
  private void recordFailure(ApiKeyCredential request) {
    if (!audit.enabled()) {
      return;
    }
    var b =
        audit
            .event(AuditRecorder.PLATFORM_CHAIN, AuditAction.API_KEY_USE, Outcome.DENIED)
            .actor(request.token().kind() + "_" + request.token().prefix(), null, null)
            .reason("invalid API key");
    var context = HttpSecurityUtils.getRoutingContextAttribute(request);
    if (context != null) {
      var http = context.request();
      String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
      b.client(
          clientAddress.of(peer, http.getHeader("X-Forwarded-For")), http.getHeader("User-Agent"));
      String id = http.getHeader(AuditFilter.REQUEST_ID);
      b.target("api-key", null).requestId(AuditFilter.requestIdOf(id));
    }
    audit.recordQuietly(b.build());
  }
}
