package io.orgvault.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.CanonicalForm;
import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.event.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyslogFormatTest {
  static ChainedEvent chained(AuditEvent e) {
    return new ChainedEvent(
        7, e, ChainHash.GENESIS, ChainHash.sha256(CanonicalForm.v1(e, 7, ChainHash.GENESIS)));
  }

  @Test
  void headerStructuredDataAndBomMessage() {
    AuditEvent e =
        AuditEvent.builder("acme", AuditAction.DATA_EXPORT, Outcome.DENIED)
            .actor("u\"1", "a]b\\c", null)
            .at(Instant.parse("2026-01-02T03:04:05Z"))
            .build();
    ChainedEvent ce = chained(e);
    byte[] m = new SyslogFormat("host-1", "orgvault", "99", 10, "audit@32473").format(ce);
    String s = new String(m, StandardCharsets.UTF_8);
    assertThat(s)
        .isEqualTo(
            "<84>1 2026-01-02T03:04:05.000000Z host-1 orgvault 99 data.export [audit@32473"
                + " tenant=\"acme\" seq=\"7\" hash=\""
                + ce.hash().hex()
                + "\" actor=\"u\\\"1\" actorName=\"a\\]b\\\\c\" action=\"data.export\""
                + " outcome=\"denied\"] \uFEFFa]b\\c data.export denied");
    // On the wire: the UTF-8 BOM bytes EF BB BF right after the structured data and its space.
    String head = s.substring(0, s.indexOf('\uFEFF'));
    int at = head.getBytes(StandardCharsets.UTF_8).length;
    assertThat(head).endsWith("\"] ");
    assertThat(new byte[] {m[at], m[at + 1], m[at + 2]})
        .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
  }

  @Test
  void headerFieldsAreCheckedWhenConfigured() {
    assertThatThrownBy(() -> new SyslogFormat("my host", "a", "1", 13, "x@1"))
        .hasMessageContaining("hostname");
    assertThatThrownBy(() -> new SyslogFormat("h", "a", "1", 24, "x@1"))
        .hasMessageContaining("facility");
    assertThatThrownBy(() -> new SyslogFormat("h", "a", "1", 13, "x=1"))
        .hasMessageContaining("SD-ID");
    assertThat(
            new String(
                new SyslogFormat(null, "a", null, 13, "x@1")
                    .format(
                        chained(
                            AuditEvent.builder("t", AuditAction.LOGOUT, Outcome.SUCCESS).build())),
                StandardCharsets.UTF_8))
        .contains(" - a - auth.logout [x@1 ");
  }
}
