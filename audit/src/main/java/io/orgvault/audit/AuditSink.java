package io.orgvault.audit;

import io.orgvault.audit.event.ChainedEvent;

/**
 * Receives each event once it is committed to the chain (the syslog shipper is one). Must not throw
 * and must not block on the network: the chain in PostgreSQL is the record, a sink a copy.
 */
public interface AuditSink {
  void accept(ChainedEvent event);
}
