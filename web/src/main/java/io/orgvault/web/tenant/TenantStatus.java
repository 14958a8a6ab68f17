package io.orgvault.web.tenant;

/** A tenant's life cycle: only an active tenant's callers are let in and its jobs scheduled. */
public enum TenantStatus {
  ACTIVE,
  SUSPENDED,
  /** Deleted by the operator: kept as a row so ids are never reused and audits resolve. */
  DELETED
}
