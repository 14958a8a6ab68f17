package io.orgvault.web.tenancy;

/** The roles a caller's identity carries; [G] adds user roles beside these. */
public final class Roles {
  /** A tenant's administrator (today: a tenant API key). */
  public static final String TENANT_ADMIN = "tenant-admin";

  /** The platform operator (an operator API key). */
  public static final String OPERATOR = "operator";

  /** Identity attribute holding the caller's {@link TenantId}. */
  public static final String TENANT_ATTRIBUTE = "orgvault.tenant";

  private Roles() {}
}
