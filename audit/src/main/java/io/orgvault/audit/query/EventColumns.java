package io.orgvault.audit.query;

import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.ChainedEvent;
import java.util.Arrays;
import java.util.List;

/** The exported columns, in order, and their values for an event. */
final class EventColumns {
  static final List<String> NAMES =
      List.of(
          "tenant",
          "seq",
          "time",
          "actorId",
          "actorName",
          "role",
          "sourceIp",
          "userAgent",
          "action",
          "targetType",
          "targetId",
          "outcome",
          "reason",
          "requestId",
          "hash");

  private EventColumns() {}

  static List<String> values(ChainedEvent ce) {
    AuditEvent e = ce.event();
    return Arrays.asList(
        e.tenantId(),
        Long.toString(ce.seq()),
        e.occurredAt().toString(),
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
        ce.hash().hex());
  }
}
