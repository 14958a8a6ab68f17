package io.orgvault.audit.event;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The vocabulary of audited actions. The code is what is stored, hashed and shipped: codes are
 * never renamed or reused (a rename would break the verification of old rows); new actions are
 * added with new codes.
 */
public enum AuditAction {
  /** A login attempt; the reason carries the method (password, saml, oidc, api-key). */
  LOGIN("auth.login"),
  /** A second-factor check (TOTP or recovery code). */
  SECOND_FACTOR("auth.2fa"),
  LOGOUT("auth.logout"),
  PASSWORD_CHANGE("auth.password.change"),
  USER_CREATE("user.create"),
  USER_UPDATE("user.update"),
  USER_DELETE("user.delete"),
  ROLE_CHANGE("user.role.change"),
  SETTINGS_CHANGE("settings.change"),
  IP_ALLOWLIST_CHANGE("ip-allowlist.change"),
  ORG_CONNECT("org.connect"),
  ORG_DISCONNECT("org.disconnect"),
  BACKUP_START("backup.start"),
  BACKUP_STOP("backup.stop"),
  /** Any view of backed-up data (a record, a version history, a file). */
  DATA_VIEW("data.view"),
  DATA_SEARCH("data.search"),
  DATA_COMPARE("data.compare"),
  DATA_EXPORT("data.export"),
  RESTORE_PLAN("restore.plan"),
  RESTORE_EXECUTE("restore.execute"),
  API_KEY_CREATE("api-key.create"),
  API_KEY_REVOKE("api-key.revoke"),
  API_KEY_USE("api-key.use"),
  RETENTION_CHANGE("retention.change"),
  AUDIT_VIEW("audit.view"),
  AUDIT_EXPORT("audit.export"),
  AUDIT_VERIFY("audit.verify"),
  /**
   * Rows pruned by retention; target type {@code audit.chain}, target id the first seq kept (the
   * verifier looks for it).
   */
  AUDIT_PRUNE("audit.prune"),
  /** A platform operator acting on a tenant; the reason carries the operator's justification. */
  OPERATOR_ACCESS("operator.access"),
  /** A read of a tenant's configuration: the tenant, its keys, orgs, schedules, policies. */
  SETTINGS_VIEW("settings.view"),
  /** A read of a job's state: backup, retention and snapshot runs, restores, exports. */
  JOB_VIEW("job.view"),
  /** The platform operator's tenant lifecycle (in the tenant's own chain). */
  TENANT_CREATE("tenant.create"),
  TENANT_SUSPEND("tenant.suspend"),
  TENANT_REACTIVATE("tenant.reactivate"),
  TENANT_DELETE("tenant.delete"),
  /** Retention applied on demand (the policy itself changes with {@code retention.change}). */
  RETENTION_RUN("retention.run"),
  /** An export's file deleted before its expiry. */
  EXPORT_DELETE("data.export.delete"),
  /** A snapshot of a tenant's stores to object storage, started by the operator. */
  SNAPSHOT_START("snapshot.start"),
  /** The tenant's key pair for the JWT bearer grant created. */
  JWT_KEY_CREATE("org.jwt-key.create");

  private static final Map<String, AuditAction> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(AuditAction::code, Function.identity()));

  private final String code;

  AuditAction(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The action a stored code names; a code this build does not know is a clear error. */
  public static AuditAction fromCode(String code) {
    AuditAction a = BY_CODE.get(code);
    if (a == null) {
      throw new IllegalArgumentException("unknown audit action code: " + code);
    }
    return a;
  }
}
