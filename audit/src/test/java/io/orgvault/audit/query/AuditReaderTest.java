package io.orgvault.audit.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.audit.Events;
import io.orgvault.audit.TestDatabase;
import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.event.Outcome;
import io.orgvault.audit.store.AuditStore;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditReaderTest {
  static final String T = "viewer-t";
  static TestDatabase db;
  static AuditStore store;
  static AuditReader reader;
  static List<ChainedEvent> all;

  @BeforeAll
  static void setUp() throws SQLException {
    db = TestDatabase.create("orgvault_audit_test_query");
    store = new AuditStore(db.app());
    reader = new AuditReader(db.app());
    List<AuditEvent> in = new ArrayList<>();
    IntStream.range(0, 30).forEach(i -> in.add(Events.login(T, i)));
    IntStream.range(0, 10).forEach(i -> in.add(Events.view(T, "aud", i)));
    in.add(
        AuditEvent.builder(T, AuditAction.DATA_EXPORT, Outcome.DENIED)
            .actor("mallory", "=HYPERLINK(\"http://x\")", "tenant_operator")
            .reason("line one\nline, two")
            .at(Instant.parse("2026-11-24T00:00:00Z"))
            .build());
    all = store.appendAll(in);
    // Another tenant with the same users and addresses: never seen through T's queries.
    store.appendAll(IntStream.range(0, 30).mapToObj(i -> Events.login("viewer-other", i)).toList());
  }

  @AfterAll
  static void tearDown() throws SQLException {
    db.close();
  }

  static List<Long> seqs(List<ChainedEvent> es) {
    return es.stream().map(ChainedEvent::seq).toList();
  }

  /** What a filter should return, computed from what was written, newest first. */
  static List<Long> expected(java.util.function.Predicate<AuditEvent> p) {
    List<Long> out = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (p.test(all.get(i).event())) {
        out.add(all.get(i).seq());
      }
    }
    return out;
  }

  static List<Long> walk(AuditQuery q) throws SQLException {
    List<Long> out = new ArrayList<>();
    AuditPage p = reader.page(q);
    out.addAll(seqs(p.events()));
    while (p.nextCursor().isPresent()) {
      p = reader.page(q.before(p.nextCursor().get()));
      out.addAll(seqs(p.events()));
    }
    return out;
  }

  @Test
  void everyFilterAloneAndCombined() throws SQLException {
    AuditQuery q = AuditQuery.forTenant(T).limit(1000);
    assertThat(seqs(reader.page(q).events())).isEqualTo(expected(e -> true));
    assertThat(seqs(reader.page(q.actor("user-1")).events()))
        .isEqualTo(expected(e -> "user-1".equals(e.actorId())))
        .hasSize(10);
    assertThat(
            seqs(
                reader
                    .page(q.actions(Set.of(AuditAction.DATA_VIEW, AuditAction.DATA_EXPORT)))
                    .events()))
        .isEqualTo(expected(e -> e.action() != AuditAction.LOGIN))
        .hasSize(11);
    Instant from = Instant.parse("2026-11-23T10:00:05Z");
    Instant to = Instant.parse("2026-11-23T10:00:15Z");
    assertThat(seqs(reader.page(q.between(from, to)).events()))
        .isEqualTo(expected(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(to)))
        .hasSize(10);
    assertThat(seqs(reader.page(q.sourceIp("203.0.113.7")).events()))
        .isEqualTo(expected(e -> "203.0.113.7".equals(e.sourceIp())))
        .hasSize(1);
    assertThat(seqs(reader.page(q.outcome(Outcome.FAILURE)).events()))
        .isEqualTo(expected(e -> e.outcome() == Outcome.FAILURE))
        .hasSize(6);
    assertThat(seqs(reader.page(q.actor("user-0").outcome(Outcome.FAILURE)).events()))
        .isEqualTo(expected(e -> "user-0".equals(e.actorId()) && e.outcome() == Outcome.FAILURE))
        .hasSize(2);
  }

  @Test
  void keysetPagesCoverEverythingOnceNewestFirst() throws SQLException {
    AuditQuery q = AuditQuery.forTenant(T).limit(7);
    AuditPage first = reader.page(q);
    assertThat(first.events()).hasSize(7);
    assertThat(first.nextCursor()).contains(all.get(all.size() - 7).seq());
    assertThat(walk(q)).isEqualTo(expected(e -> true));
    assertThat(walk(q.actor("user-2").limit(3)))
        .isEqualTo(expected(e -> "user-2".equals(e.actorId())));
  }

  @Test
  void csvExportQuotesAndDefusesFormulas() throws Exception {
    StringWriter w = new StringWriter();
    long n =
        reader.export(
            AuditQuery.forTenant(T).actions(Set.of(AuditAction.DATA_EXPORT)), ExportFormat.CSV, w);
    assertThat(n).isEqualTo(1);
    String[] lines = w.toString().split("\r\n");
    assertThat(lines[0]).isEqualTo(String.join(",", EventColumns.NAMES));
    assertThat(w.toString())
        .contains(",mallory,\"'=HYPERLINK(\"\"http://x\"\")\",tenant_operator,")
        .contains(",\"line one\nline, two\",");

    StringWriter logins = new StringWriter();
    assertThat(reader.export(AuditQuery.forTenant(T).actor("user-0"), ExportFormat.CSV, logins))
        .isEqualTo(10);
    assertThat(logins.toString().split("\r\n")).hasSize(11);
    assertThat(logins.toString()).contains("\"Ann O'Neil \"\"admin\"\" ] \\ #0\"");
  }

  @Test
  void jsonLinesExportParsesBackOldestFirst() throws Exception {
    StringWriter w = new StringWriter();
    long n = reader.export(AuditQuery.forTenant(T), ExportFormat.JSON_LINES, w);
    assertThat(n).isEqualTo(all.size());
    String[] lines = w.toString().split("\n");
    assertThat(lines).hasSize(all.size());
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < lines.length; i++) {
      JsonNode o = json.readTree(lines[i]);
      ChainedEvent ce = all.get(i);
      assertThat(o.get("seq").asLong()).isEqualTo(ce.seq());
      assertThat(o.get("tenant").asText()).isEqualTo(T);
      assertThat(o.get("actorName").asText()).isEqualTo(ce.event().actorName());
      assertThat(o.get("time").asText()).isEqualTo(ce.event().occurredAt().toString());
      assertThat(o.get("hash").asText()).isEqualTo(ce.hash().hex());
      if (ce.event().userAgent() == null) {
        assertThat(o.get("userAgent").isNull()).isTrue();
      } else {
        assertThat(o.get("userAgent").asText()).isEqualTo(ce.event().userAgent());
      }
      if (ce.event().reason() != null) {
        assertThat(o.get("reason").asText()).isEqualTo(ce.event().reason());
      }
    }
  }
}
