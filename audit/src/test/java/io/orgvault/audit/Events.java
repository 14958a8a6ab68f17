package io.orgvault.audit;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.Outcome;
import java.time.Instant;

/** Realistic events for tests. */
public final class Events {
  private Events() {}

  public static AuditEvent login(String tenant, int i) {
    return AuditEvent.builder(
            tenant, AuditAction.LOGIN, i % 5 == 0 ? Outcome.FAILURE : Outcome.SUCCESS)
        .actor("user-" + (i % 3), "Ann O'Neil \"admin\" ] \\ #" + i, "tenant_admin")
        .client("203.0.113." + (i % 200), "Mozilla/5.0 (X11; Linux x86_64) ü€")
        .target("session", "s-" + i)
        .reason(i % 5 == 0 ? "wrong password" : "password+totp")
        .requestId("req-" + i)
        .at(Instant.parse("2026-11-23T10:00:00.123456789Z").plusSeconds(i))
        .build();
  }

  public static AuditEvent view(String tenant, String user, int i) {
    return AuditEvent.builder(tenant, AuditAction.DATA_VIEW, Outcome.SUCCESS)
        .actor(user, user, "auditor")
        .client("2001:db8::" + Integer.toHexString(i + 1), null)
        .target("Account", "001000000000" + i)
        .at(Instant.parse("2026-11-23T12:00:00Z").plusSeconds(i))
        .build();
  }
}
