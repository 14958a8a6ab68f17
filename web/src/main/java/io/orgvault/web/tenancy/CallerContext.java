package io.orgvault.web.tenancy;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;

/**
 * Who is calling, turned into the scope every repository call needs: the caller's own {@link
 * TenantId}, or the operator's {@link OperatorScope}. A resource never takes a tenant id from the
 * request for tenant data; it asks this.
 */
@RequestScoped
public class CallerContext {
  @Inject SecurityIdentity identity;

  /** The tenant of a tenant caller; 401 when anonymous, 403 for an operator. */
  public TenantId tenant() {
    requireAuthenticated();
    Object tenant = identity.getAttribute(Roles.TENANT_ATTRIBUTE);
    if (!(tenant instanceof TenantId id) || !identity.hasRole(Roles.TENANT_ADMIN)) {
      throw new ForbiddenException("this endpoint acts for a tenant; the caller is not one");
    }
    return id;
  }

  /** The operator's scope; 401 when anonymous, 403 for anyone but the operator. */
  public OperatorScope operator() {
    requireAuthenticated();
    if (!identity.hasRole(Roles.OPERATOR)) {
      throw new ForbiddenException("this endpoint is for the platform operator");
    }
    return OperatorScope.INSTANCE;
  }

  /** A name for the caller in logs and records (a key id, never a secret). */
  public String actor() {
    return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
  }

  private void requireAuthenticated() {
    if (identity.isAnonymous()) {
      throw new NotAuthorizedException("Bearer realm=\"orgvault\"");
    }
  }
}
