package io.orgvault.audit.syslog;

import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.event.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An audit event as an RFC 5424 message: header, one SD-ELEMENT carrying every field of the event
 * and its place in the chain (so a central server can spot a gap per tenant), and a BOM-prefixed
 * UTF-8 summary as MSG. See the module README for the field table.
 */
public final class SyslogFormat {
  /** Enterprise number 32473 is reserved for documentation (RFC 5612); configure your own. */
  public static final String DEFAULT_SD_ID = "audit@32473";

  /** RFC 5424 facility 13, "log audit". */
  public static final int DEFAULT_FACILITY = 13;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final String hostname;
  private final String appName;
  private final String procId;
  private final int facility;
  private final String sdId;

  public SyslogFormat(String hostname, String appName, String procId, int facility, String sdId) {
    this.hostname = headerField("hostname", hostname, 255);
    this.appName = headerField("app name", appName, 48);
    this.procId = headerField("proc id", procId, 128);
    if (facility < 0 || facility > 23) {
      throw new IllegalArgumentException("a syslog facility is 0..23, got " + facility);
    }
    this.facility = facility;
    this.sdId = headerField("SD-ID", sdId, 32);
    if (sdId.contains("=") || sdId.contains("]") || sdId.contains("\"")) {
      throw new IllegalArgumentException("an SD-ID may not contain =, ] or \"");
    }
  }

  /** Application "orgvault", this process's id, facility "log audit", the documentation SD-ID. */
  public static SyslogFormat defaults(String hostname) {
    return new SyslogFormat(
        hostname,
        "orgvault",
        Long.toString(ProcessHandle.current().pid()),
        DEFAULT_FACILITY,
        DEFAULT_SD_ID);
  }

  /** Severity: notice for a success, warning for a failure or a refusal. */
  static int severity(Outcome o) {
    return o == Outcome.SUCCESS ? 5 : 4;
  }

  /** The message, unframed. */
  public byte[] format(ChainedEvent ce) {
    AuditEvent e = ce.event();
    StringBuilder sb = new StringBuilder(512);
    sb.append('<').append(facility * 8 + severity(e.outcome())).append(">1 ");
    sb.append(TIME.format(e.occurredAt())).append(' ');
    sb.append(hostname).append(' ').append(appName).append(' ').append(procId).append(' ');
    sb.append(e.action().code()).append(' ');
    sb.append('[').append(sdId);
    param(sb, "tenant", e.tenantId());
    param(sb, "seq", Long.toString(ce.seq()));
    param(sb, "hash", ce.hash().hex());
    param(sb, "actor", e.actorId());
    param(sb, "actorName", e.actorName());
    param(sb, "role", e.role());
    param(sb, "ip", e.sourceIp());
    param(sb, "userAgent", e.userAgent());
    param(sb, "action", e.action().code());
    param(sb, "targetType", e.targetType());
    param(sb, "targetId", e.targetId());
    param(sb, "outcome", e.outcome().code());
    param(sb, "reason", e.reason());
    param(sb, "requestId", e.requestId());
    sb.append("] ");
    byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
    byte[] msg = summary(e).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + BOM.length + msg.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(BOM, 0, out, head.length, BOM.length);
    System.arraycopy(msg, 0, out, head.length + BOM.length, msg.length);
    return out;
  }

  /** "who action target outcome[: reason]", for people reading the central log. */
  static String summary(AuditEvent e) {
    String who = e.actorName() != null ? e.actorName() : e.actorId() != null ? e.actorId() : "-";
    StringBuilder s = new StringBuilder(who).append(' ').append(e.action().code());
    if (e.targetType() != null || e.targetId() != null) {
      s.append(' ')
          .append(e.targetType() != null ? e.targetType() : "-")
          .append('/')
          .append(e.targetId() != null ? e.targetId() : "-");
    }
    s.append(' ').append(e.outcome().code());
    if (e.reason() != null) {
      s.append(": ").append(e.reason());
    }
    return s.toString();
  }

  private static void param(StringBuilder sb, String name, String value) {
    if (value == null) {
      return;
    }
    sb.append(' ').append(name).append("=\"");
    escape(sb, value);
    sb.append('"');
  }

  /** RFC 5424 section 6.3.3: '"', '\' and ']' in a PARAM-VALUE are escaped with a backslash. */
  static void escape(StringBuilder sb, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\' || c == ']') {
        sb.append('\\');
      }
      sb.append(c);
    }
  }

  /** Header fields are printable US-ASCII without spaces; "-" is the nil value. */
  private static String headerField(String what, String v, int max) {
    if (v == null || v.isEmpty()) {
      return "-";
    }
    if (v.length() > max || !v.chars().allMatch(c -> c >= 33 && c <= 126)) {
      throw new IllegalArgumentException(
          "a syslog " + what + " is 1.." + max + " printable ASCII characters without spaces");
    }
    return v;
  }
}
