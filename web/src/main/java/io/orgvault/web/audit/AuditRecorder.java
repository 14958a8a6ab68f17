package io.orgvault.web.audit;

import io.orgvault.audit.AuditLog;
import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Records web's events through the audit module's {@link AuditLog}. Events about no tenant (an
 * operator listing tenants, a key that fails to authenticate) go to the {@link #PLATFORM_CHAIN}:
 * tenant ids are UUIDs, so it can never be a tenant's.
 */
@ApplicationScoped
public class AuditRecorder {
  private static final Logger LOG = Logger.getLogger(AuditRecorder.class);

  /** The chain of events that concern no tenant. */
  public static final String PLATFORM_CHAIN = "platform";

  @Inject AuditSchema schema;
  @Inject jakarta.enterprise.inject.Instance<AuditLog> log;
  @Inject Clock clock;

  public boolean enabled() {
    return schema.enabled();
  }

  /** A builder stamped with the time now. */
  public AuditEvent.Builder event(String tenant, AuditAction action, Outcome outcome) {
    return AuditEvent.builder(tenant, action, outcome).at(clock.instant());
  }

  /**
   * Appends the event (its own transaction). Throws when it could not be stored: the caller decides
   * whether the action may still be answered.
   */
  public void record(AuditEvent event) throws SQLException {
    if (!enabled()) {
      return;
    }
    log.get().record(event);
  }

  /** Records where nothing can be refused any more; a failure is logged, never thrown. */
  public void recordQuietly(AuditEvent event) {
    try {
      record(event);
    } catch (SQLException | RuntimeException e) {
      LOG.errorf(
          "audit event %s of tenant %s NOT recorded: %s",
          event.action().code(), event.tenantId(), e.toString());
    }
  }
}
