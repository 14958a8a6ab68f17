package io.orgvault.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.audit.AuditLog;
import io.orgvault.audit.Events;
import io.orgvault.audit.TestDatabase;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.store.AuditStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real rsyslogd with a TLS listener, started and stopped by the tests. */
class SyslogShipperTest {
  static final AtomicInteger TENANTS = new AtomicInteger();
  static final SyslogFormat FORMAT =
      new SyslogFormat("orgvault-test-1", "orgvault", "4242", 13, SyslogFormat.DEFAULT_SD_ID);
  static TestDatabase db;
  static AuditStore store;

  @TempDir Path queueDir;
  RsyslogServer server;
  String tenant;

  @BeforeAll
  static void database() throws SQLException {
    db = TestDatabase.create("orgvault_audit_test_syslog");
    store = new AuditStore(db.app());
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    db.close();
  }

  @BeforeEach
  void rsyslog() throws Exception {
    server = RsyslogServer.prepare();
    tenant = "syslog-" + TENANTS.incrementAndGet();
  }

  @AfterEach
  void stopRsyslog() throws Exception {
    server.close();
  }

  SyslogShipper shipper(long maxQueueBytes) throws Exception {
    return new SyslogShipper(
        FORMAT,
        DiskQueue.open(queueDir, maxQueueBytes, 64 * 1024, FsyncPolicy.EVERY_RECORD),
        SyslogTarget.trusting("localhost", server.port, server.caPem()),
        Duration.ofMillis(20),
        Duration.ofMillis(500));
  }

  List<ChainedEvent> record(SyslogShipper s, int from, int to) throws SQLException {
    AuditLog log = new AuditLog(store, List.of(s));
    List<ChainedEvent> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(log.record(Events.login(tenant, i)));
    }
    return out;
  }

  static List<Long> seqs(List<JsonNode> messages) {
    return messages.stream()
        .map(m -> Long.parseLong(SdParams.parse(m.get("sd").asText(), "audit@32473").get("seq")))
        .toList();
  }

  static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      out.add(i);
    }
    return out;
  }

  @Test
  void eventsArriveAsRfc5424AndParseBackField() throws Exception {
    server.start();
    List<ChainedEvent> sent;
    try (SyslogShipper s = shipper(1 << 20)) {
      s.start();
      sent = record(s, 1, 21);
      assertThat(server.awaitMessages(20)).hasSize(20);
    }
    List<JsonNode> got = server.messages();
    assertThat(got).hasSize(20);
    for (int i = 0; i < 20; i++) {
      ChainedEvent ce = sent.get(i);
      AuditEvent e = ce.event();
      JsonNode m = got.get(i);
      assertThat(m.get("pri").asInt()).isEqualTo(13 * 8 + SyslogFormat.severity(e.outcome()));
      assertThat(m.get("hostname").asText()).isEqualTo("orgvault-test-1");
      assertThat(m.get("app").asText()).isEqualTo("orgvault");
      assertThat(m.get("procid").asText()).isEqualTo("4242");
      assertThat(m.get("msgid").asText()).isEqualTo("auth.login");
      assertThat(m.get("timestamp").asText())
          .startsWith(e.occurredAt().toString().substring(0, 19));
      Map<String, String> sd = SdParams.parse(m.get("sd").asText(), "audit@32473");
      assertThat(sd)
          .containsEntry("tenant", tenant)
          .containsEntry("seq", Long.toString(ce.seq()))
          .containsEntry("hash", ce.hash().hex())
          .containsEntry("actor", e.actorId())
          .containsEntry("actorName", e.actorName())
          .containsEntry("role", "tenant_admin")
          .containsEntry("ip", e.sourceIp())
          .containsEntry("userAgent", e.userAgent())
          .containsEntry("targetType", "session")
          .containsEntry("targetId", e.targetId())
          .containsEntry("outcome", e.outcome().code())
          .containsEntry("reason", e.reason())
          .containsEntry("requestId", e.requestId());
      assertThat(e.actorName()).contains("\"").contains("]").contains("\\");
      assertThat(m.get("msg").asText()).isEqualTo("\uFEFF" + SyslogFormat.summary(e));
    }
  }

  @Test
  void aStoppedServerLosesNothingAndDeliveryResumesInOrderExactlyOnce() throws Exception {
    server.start();
    try (SyslogShipper s = shipper(1 << 20)) {
      s.start();
      record(s, 1, 6);
      assertThat(server.awaitMessages(5)).hasSize(5);
      // the shipper moves its queue past what it wrote only after writing it: stopping the server
      // in between would make it send the last one again (at-least-once, see the README)
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (s.delivered() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(s.delivered()).isEqualTo(5);

      server.stop();
      record(s, 6, 41);
      Thread.sleep(1500);
      assertThat(server.messages()).as("nothing can arrive while the server is down").hasSize(5);
      assertThat(s.pendingBytes()).as("queued on disk").isPositive();

      server.start();
      server.awaitMessages(40);
      Thread.sleep(1000);
      assertThat(seqs(server.messages())).isEqualTo(range(1, 40));
      assertThat(s.delivered()).isEqualTo(40);
      assertThat(s.refused()).isZero();
      assertThat(s.connects()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void aRestartedShipperDeliversWhatItsPredecessorQueued() throws Exception {
    // The server is down while the first shipper runs: everything stays in the queue.
    try (SyslogShipper first = shipper(1 << 20)) {
      first.start();
      record(first, 1, 11);
      Thread.sleep(500);
      assertThat(first.delivered()).isZero();
      assertThat(first.lastError()).isNotNull();
    }
    server.start();
    try (SyslogShipper second = shipper(1 << 20)) {
      second.start();
      record(second, 11, 16);
      server.awaitMessages(15);
      Thread.sleep(1000);
      assertThat(seqs(server.messages())).isEqualTo(range(1, 15));
    }
    // And a third one finds nothing left to send twice.
    try (SyslogShipper third = shipper(1 << 20)) {
      third.start();
      Thread.sleep(1000);
      assertThat(third.delivered()).isZero();
      assertThat(seqs(server.messages())).isEqualTo(range(1, 15));
    }
  }

  @Test
  void aFullQueueRefusesCountablyAndKeepsWhatItAccepted() throws Exception {
    int size = FORMAT.format(store.append(Events.login(tenant, 0))).length + 8;
    try (SyslogShipper s = shipper(size * 3L + 10)) {
      s.start();
      record(s, 1, 6);
      assertThat(s.refused()).as("room for three").isEqualTo(2);
      server.start();
      server.awaitMessages(3);
      Thread.sleep(1000);
      assertThat(seqs(server.messages())).isEqualTo(range(2, 4));
      record(s, 6, 7);
      server.awaitMessages(4);
      assertThat(seqs(server.messages())).containsExactly(2L, 3L, 4L, 7L);
    }
  }

  @Test
  void whatAKilledProcessQueuedIsDeliveredByTheNextOne() throws Exception {
    Process filler =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                QueueFillerMain.class.getName(),
                queueDir.toString(),
                tenant,
                "25")
            .redirectErrorStream(true)
            .start();
    try {
      String line =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(filler.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertThat(line).isEqualTo("queued 25");
    } finally {
      // SIGKILL: no close, no flush, the directory lock dies with the process.
      filler.destroyForcibly().waitFor();
    }
    server.start();
    try (SyslogShipper s = shipper(1 << 20)) {
      s.start();
      server.awaitMessages(25);
      Thread.sleep(1000);
      assertThat(seqs(server.messages())).isEqualTo(range(1, 25));
      assertThat(s.delivered()).isEqualTo(25);
    }
  }
}
