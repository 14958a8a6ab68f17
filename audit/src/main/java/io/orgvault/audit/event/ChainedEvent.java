package io.orgvault.audit.event;

/** An event as stored: its place in its tenant's chain, its predecessor's hash and its own. */
public record ChainedEvent(long seq, AuditEvent event, ChainHash prevHash, ChainHash hash) {}
