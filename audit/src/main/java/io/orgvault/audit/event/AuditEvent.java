package io.orgvault.audit.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One audited action, before it is chained. Only tenant, action, outcome and time are required; the
 * rest is absent (null) when it does not apply (a system job has no source IP). The time is kept to
 * the microsecond, PostgreSQL's precision, so what is hashed is exactly what is stored.
 *
 * <p>Values are checked here rather than in the database so a bad event fails in the caller with a
 * clear message: no NUL character (PostgreSQL text cannot hold one), bounded lengths. The user
 * agent comes from the client, so an oversized one is cut rather than refused: refusing it would
 * lose the audit record of the action.
 */
public record AuditEvent(
    String tenantId,
    String actorId,
    String actorName,
    String role,
    String sourceIp,
    String userAgent,
    AuditAction action,
    String targetType,
    String targetId,
    Outcome outcome,
    String reason,
    String requestId,
    Instant occurredAt) {

  public static final int MAX_USER_AGENT = 512;
  public static final int MAX_REASON = 2000;
  public static final int MAX_FIELD = 256;

  public AuditEvent {
    tenantId = checked("tenantId", tenantId, MAX_FIELD);
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("an audit event needs a tenant id");
    }
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(occurredAt, "occurredAt");
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    actorId = checked("actorId", actorId, MAX_FIELD);
    actorName = checked("actorName", actorName, MAX_FIELD);
    role = checked("role", role, MAX_FIELD);
    sourceIp = checked("sourceIp", sourceIp, 64);
    if (sourceIp != null && !sourceIp.chars().allMatch(AuditEvent::ipLiteralChar)) {
      throw new IllegalArgumentException("sourceIp is not an IP address literal");
    }
    userAgent = clientText(userAgent);
    targetType = checked("targetType", targetType, MAX_FIELD);
    targetId = checked("targetId", targetId, MAX_FIELD);
    reason = checked("reason", reason, MAX_REASON);
    requestId = checked("requestId", requestId, MAX_FIELD);
  }

  public static Builder builder(String tenantId, AuditAction action, Outcome outcome) {
    return new Builder(tenantId, action, outcome);
  }

  private static String checked(String name, String v, int max) {
    if (v == null) {
      return null;
    }
    if (v.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(name + " contains a NUL character");
    }
    if (v.length() > max) {
      throw new IllegalArgumentException(name + " is longer than " + max + " characters");
    }
    return v;
  }

  private static String clientText(String v) {
    if (v == null) {
      return null;
    }
    String s = v.replace('\0', '\uFFFD');
    if (s.length() > MAX_USER_AGENT) {
      int end = MAX_USER_AGENT;
      if (Character.isHighSurrogate(s.charAt(end - 1))) {
        end--;
      }
      s = s.substring(0, end);
    }
    return s;
  }

  private static boolean ipLiteralChar(int c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F')
        || c == '.'
        || c == ':';
  }

  /** Fills the optional fields by name; web builds events from a request context. */
  public static final class Builder {
    private final String tenantId;
    private final AuditAction action;
    private final Outcome outcome;
    private String actorId;
    private String actorName;
    private String role;
    private String sourceIp;
    private String userAgent;
    private String targetType;
    private String targetId;
    private String reason;
    private String requestId;
    private Instant occurredAt;

    private Builder(String tenantId, AuditAction action, Outcome outcome) {
      this.tenantId = tenantId;
      this.action = action;
      this.outcome = outcome;
    }

    public Builder actor(String id, String name, String role) {
      this.actorId = id;
      this.actorName = name;
      this.role = role;
      return this;
    }

    public Builder client(String sourceIp, String userAgent) {
      this.sourceIp = sourceIp;
      this.userAgent = userAgent;
      return this;
    }

    public Builder target(String type, String id) {
      this.targetType = type;
      this.targetId = id;
      return this;
    }

    public Builder reason(String reason) {
      this.reason = reason;
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requestId;
      return this;
    }

    public Builder at(Instant occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    /** The event; its time is now unless {@link #at} set one. */
    public AuditEvent build() {
      return new AuditEvent(
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
          requestId,
          occurredAt != null ? occurredAt : Instant.now());
    }
  }
}
