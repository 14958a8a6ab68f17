package io.orgvault.web.tenancy;

/**
 * Proof that the caller is the platform operator, who acts across tenants (create, suspend,
 * delete). Repository methods that are not scoped to one tenant take this instead of a {@link
 * TenantId}; only {@link CallerContext} hands one out, and only to an operator's request.
 */
public final class OperatorScope {
  static final OperatorScope INSTANCE = new OperatorScope();

  private OperatorScope() {}
}
