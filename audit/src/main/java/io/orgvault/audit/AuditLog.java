package io.orgvault.audit;

import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.store.AuditStore;
import java.sql.SQLException;
import java.util.List;

/**
 * Records an event: appends it to its tenant's chain in a transaction of its own, then hands the
 * committed event to the sinks. Code that audits inside its own transaction uses {@link
 * AuditStore#append(java.sql.Connection, AuditEvent)} and calls {@link #publish} after commit.
 */
public final class AuditLog {
  private final AuditStore store;
  private final List<AuditSink> sinks;

  public AuditLog(AuditStore store, List<AuditSink> sinks) {
    this.store = store;
    this.sinks = List.copyOf(sinks);
  }

  public ChainedEvent record(AuditEvent event) throws SQLException {
    ChainedEvent e = store.append(event);
    publish(e);
    return e;
  }

  /** Hands committed events to the sinks, in order. */
  public void publish(ChainedEvent... events) {
    for (ChainedEvent e : events) {
      for (AuditSink s : sinks) {
        s.accept(e);
      }
    }
  }
}
