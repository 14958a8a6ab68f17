package io.orgvault.audit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {
  static final AuditEvent EVENT =
      AuditEvent.builder("acme", AuditAction.LOGIN, Outcome.FAILURE)
          .actor("u-1", "Zoë", null)
          .client("192.0.2.1", "")
          .reason("wrong password")
          .at(Instant.parse("2026-01-02T03:04:05.678901234Z"))
          .build();

  /** The layout as the README documents it, written out independently of CanonicalForm. */
  @Test
  void version1IsTheDocumentedLayout() throws Exception {
    ChainHash prev = ChainHash.sha256("prev".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.write("OVAUDIT".getBytes(StandardCharsets.US_ASCII));
    d.writeByte(1);
    d.writeLong(42);
    d.write(prev.bytes());
    d.writeLong(1767323045678901L);
    for (String s :
        Arrays.asList(
            "acme",
            "u-1",
            "Zoë",
            null,
            "192.0.2.1",
            "",
            "auth.login",
            null,
            null,
            "failure",
            "wrong password",
            null)) {
      if (s == null) {
        d.writeInt(-1);
      } else {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        d.writeInt(u.length);
        d.write(u);
      }
    }
    assertThat(CanonicalForm.v1(EVENT, 42, prev)).isEqualTo(b.toByteArray());
  }

  /**
   * A known-answer vector (also in the README) for verifiers written elsewhere; the value was
   * checked against an independent Python encoding of the README layout.
   */
  @Test
  void knownAnswer() {
    ChainHash h = ChainHash.sha256(CanonicalForm.v1(EVENT, 1, ChainHash.GENESIS));
    assertThat(h.hex()).isEqualTo(KNOWN);
  }

  static final String KNOWN = "ed8615c8c5f915925118ddd0750c82b42b1c200e48b6b5001da72de41bd27a5b";

  @Test
  void absentAndEmptyHashDifferently() {
    AuditEvent empty =
        AuditEvent.builder("acme", AuditAction.LOGIN, Outcome.FAILURE)
            .actor("u-1", "Zoë", null)
            .client("192.0.2.1", null)
            .reason("wrong password")
            .at(EVENT.occurredAt())
            .build();
    assertThat(CanonicalForm.v1(empty, 1, ChainHash.GENESIS))
        .isNotEqualTo(CanonicalForm.v1(EVENT, 1, ChainHash.GENESIS));
  }

  @Test
  void timeIsKeptToTheMicrosecond() {
    assertThat(EVENT.occurredAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.678901Z"));
  }

  @Test
  void badEventsFailInTheCallerWithTheReason() {
    var b = AuditEvent.builder("acme", AuditAction.LOGIN, Outcome.SUCCESS);
    assertThatThrownBy(() -> b.reason("a\0b").build())
        .hasMessageContaining("reason contains a NUL");
    assertThatThrownBy(
            () ->
                AuditEvent.builder("acme", AuditAction.LOGIN, Outcome.SUCCESS)
                    .client("10.0.0.1; drop", null)
                    .build())
        .hasMessageContaining("sourceIp");
    assertThatThrownBy(() -> AuditEvent.builder(" ", AuditAction.LOGIN, Outcome.SUCCESS).build())
        .hasMessageContaining("tenant");
    assertThatThrownBy(
            () ->
                AuditEvent.builder("acme", AuditAction.LOGIN, Outcome.SUCCESS)
                    .target("x", "y".repeat(300))
                    .build())
        .hasMessageContaining("targetId is longer than 256");
  }

  @Test
  void anOversizedUserAgentIsCutNotRefused() {
    AuditEvent e =
        AuditEvent.builder("acme", AuditAction.LOGIN, Outcome.SUCCESS)
            .client("::1", "ua\0" + "x".repeat(1000))
            .build();
    assertThat(e.userAgent()).hasSize(AuditEvent.MAX_USER_AGENT).startsWith("ua\uFFFD");
  }

  @Test
  void everyActionCodeIsUniqueAndRoundTrips() {
    for (AuditAction a : AuditAction.values()) {
      assertThat(AuditAction.fromCode(a.code())).isSameAs(a);
      assertThat(a.code()).matches("[a-z0-9.-]{1,32}");
    }
    assertThat(HexFormat.of().formatHex(ChainHash.GENESIS.bytes())).isEqualTo("0".repeat(64));
  }
}
