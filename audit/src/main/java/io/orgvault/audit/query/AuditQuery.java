package io.orgvault.audit.query;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.Outcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The viewer's filter, always within one tenant. Absent criteria (null, empty set) match all. The
 * time range is [from, to). {@code beforeSeq} is the keyset cursor of the next page: the previous
 * page's {@link AuditPage#nextCursor}.
 */
public record AuditQuery(
    String tenantId,
    String actorId,
    Set<AuditAction> actions,
    Instant from,
    Instant to,
    String sourceIp,
    Outcome outcome,
    Long beforeSeq,
    int limit) {

  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    Objects.requireNonNull(tenantId, "a query is always within a tenant");
    actions = actions == null ? Set.of() : Set.copyOf(actions);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("a page holds 1.." + MAX_LIMIT + " events");
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("the time range is empty: from must be before to");
    }
  }

  /** Every event of the tenant, 100 per page. */
  public static AuditQuery forTenant(String tenantId) {
    return new AuditQuery(tenantId, null, Set.of(), null, null, null, null, null, 100);
  }

  public AuditQuery actor(String actorId) {
    return new AuditQuery(
        tenantId, actorId, actions, from, to, sourceIp, outcome, beforeSeq, limit);
  }

  public AuditQuery actions(Set<AuditAction> actions) {
    return new AuditQuery(
        tenantId, actorId, actions, from, to, sourceIp, outcome, beforeSeq, limit);
  }

  public AuditQuery between(Instant from, Instant to) {
    return new AuditQuery(
        tenantId, actorId, actions, from, to, sourceIp, outcome, beforeSeq, limit);
  }

  public AuditQuery sourceIp(String ip) {
    return new AuditQuery(tenantId, actorId, actions, from, to, ip, outcome, beforeSeq, limit);
  }

  public AuditQuery outcome(Outcome outcome) {
    return new AuditQuery(
        tenantId, actorId, actions, from, to, sourceIp, outcome, beforeSeq, limit);
  }

  public AuditQuery before(Long seq) {
    return new AuditQuery(tenantId, actorId, actions, from, to, sourceIp, outcome, seq, limit);
  }

  public AuditQuery limit(int limit) {
    return new AuditQuery(
        tenantId, actorId, actions, from, to, sourceIp, outcome, beforeSeq, limit);
  }
}
