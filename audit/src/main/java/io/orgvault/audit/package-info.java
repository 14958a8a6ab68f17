/**
 * The audit trail: an event model ({@link io.orgvault.audit.event}), an append-only hash-chained
 * store in PostgreSQL ({@link io.orgvault.audit.store}), signed checkpoints ({@link
 * io.orgvault.audit.checkpoint}), the verifier ({@link io.orgvault.audit.verify}), the viewer's
 * queries and exports ({@link io.orgvault.audit.query}) and the RFC 5424 shipper ({@link
 * io.orgvault.audit.syslog}). Plain Java and JDBC, no framework: web wires it.
 */
package io.orgvault.audit;
