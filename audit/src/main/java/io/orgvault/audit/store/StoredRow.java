package io.orgvault.audit.store;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.CanonicalForm;
import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.event.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A row of {@code audit_event} exactly as stored, text as text: the verifier hashes these values,
 * never a re-encoding of them, so an unknown action code is still verifiable.
 */
public record StoredRow(
    String tenantId,
    long seq,
    int format,
    Instant occurredAt,
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
    byte[] prevHash,
    byte[] hash) {

  /** The columns {@link #read} expects, in its order. */
  public static final String COLUMNS =
      "tenant_id, seq, format, occurred_at, actor_id, actor_name, actor_role, source_ip,"
          + " user_agent, action, target_type, target_id, outcome, reason, request_id, prev_hash,"
          + " hash";

  public static StoredRow read(ResultSet rs) throws SQLException {
    return new StoredRow(
        rs.getString(1),
        rs.getLong(2),
        rs.getInt(3),
        rs.getObject(4, OffsetDateTime.class).toInstant(),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14),
        rs.getString(15),
        rs.getBytes(16),
        rs.getBytes(17));
  }

  /** The version-1 canonical bytes of this row's stored values. */
  public byte[] canonicalV1(ChainHash prev) {
    return CanonicalForm.v1(
        seq,
        prev,
        occurredAt,
        tenantId,
        actorId,
        actorName,
        role,
        sourceIp,
        userAgent,
        action,
        targetType,
        targetId,
        outcome,
        reason,
        requestId);
  }

  /** The typed event, for the viewer. */
  public ChainedEvent toChainedEvent() {
    AuditEvent e =
        new AuditEvent(
            tenantId,
            actorId,
            actorName,
            role,
            sourceIp,
            userAgent,
            AuditAction.fromCode(action),
            targetType,
            targetId,
            Outcome.fromCode(outcome),
            reason,
            requestId,
            occurredAt);
    return new ChainedEvent(seq, e, ChainHash.of(prevHash), ChainHash.of(hash));
  }
}
