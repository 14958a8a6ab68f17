package io.orgvault.audit.event;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The bytes a chain row's SHA-256 is taken over. Version 1 (see the module README):
 *
 * <pre>
 *   "OVAUDIT" (7 ASCII bytes) | version u8 = 1 | seq i64 | prev hash (32) | occurred_at i64 µs
 *   then 12 text fields, each i32 length (-1 = absent) + UTF-8 bytes, in this order:
 *   tenant, actor id, actor name, role, source ip, user agent, action, target type, target id,
 *   outcome, reason, request id
 * </pre>
 *
 * All integers big-endian. Length prefixes keep field boundaries unambiguous and absent distinct
 * from empty; the sequence number and the predecessor's hash are inside so a row cannot be moved or
 * relinked without changing its hash.
 */
public final class CanonicalForm {
  public static final int V1 = 1;
  private static final byte[] MAGIC = "OVAUDIT".getBytes(StandardCharsets.US_ASCII);

  private CanonicalForm() {}

  /** The version-1 form of a typed event at a place in its chain. */
  public static byte[] v1(AuditEvent e, long seq, ChainHash prev) {
    return v1(
        seq,
        prev,
        e.occurredAt(),
        e.tenantId(),
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
        e.requestId());
  }

  /**
   * The version-1 form from raw stored values (the verifier reads these: it must hash what is in
   * the table, not what this build would have written).
   */
  public static byte[] v1(
      long seq,
      ChainHash prev,
      Instant occurredAt,
      String tenant,
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
      String requestId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(MAGIC);
    out.write(V1);
    out.writeBytes(ByteBuffer.allocate(8).putLong(seq).array());
    out.writeBytes(prev.bytes());
    out.writeBytes(ByteBuffer.allocate(8).putLong(micros(occurredAt)).array());
    for (String f :
        new String[] {
          tenant,
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
          requestId
        }) {
      text(out, f);
    }
    return out.toByteArray();
  }

  /** Microseconds since the epoch, UTC. */
  public static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  static void text(ByteArrayOutputStream out, String s) {
    if (s == null) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
    out.writeBytes(b);
  }
}
