package io.orgvault.web.audit.rest;

import io.orgvault.audit.event.ChainedEvent;
import java.time.Instant;

/** One event of the caller's chain, as the viewer shows it. */
public record AuditEventView(
    long seq,
    Instant time,
    String actorId,
    String actorName,
    String role,
    String sourceIp,
    String userAgent,
    String action,
    String targetType,
    String targetId,
    String outcome,
    String reason,
    String requestId,
    String hash) {

  static AuditEventView of(ChainedEvent c) {
    var e = c.event();
    return new AuditEventView(
        c.seq(),
        e.occurredAt(),
        e.actorId(),
        e.actorName(),
        e.role(),
        e.sourceIp(),
        e.userAgent(),
        e.action().code(),
        e.targetType(),
        e.targetId(),
        e.outcome().code(),
        e.reason(),
        e.requestId(),
        c.hash().hex());
  }
}
