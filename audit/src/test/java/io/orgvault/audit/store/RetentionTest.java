package io.orgvault.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.audit.Events;
import io.orgvault.audit.TestDatabase;
import io.orgvault.audit.checkpoint.Checkpointer;
import io.orgvault.audit.checkpoint.Ed25519KeyFile;
import io.orgvault.audit.checkpoint.KeyRing;
import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.verify.BreakKind;
import io.orgvault.audit.verify.ChainBreak;
import io.orgvault.audit.verify.ChainVerifier;
import io.orgvault.audit.verify.VerifyResult;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  @TempDir static Path keys;
  static TestDatabase db;
  static TestDatabase floored;
  static AuditStore store;
  static ChainVerifier verifier;
  static Ed25519KeyFile signer;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestDatabase.create("orgvault_audit_test_retention");
    floored = TestDatabase.create("orgvault_audit_test_retention_floor", 30);
    store = new AuditStore(db.app());
    PublicKey pub = Ed25519KeyFile.generate(keys.resolve("k"), keys.resolve("p"));
    signer = Ed25519KeyFile.load(keys.resolve("k"), keys.resolve("p"));
    verifier = new ChainVerifier(db.app(), new KeyRing(List.of(pub)));
  }

  @AfterAll
  static void tearDown() throws SQLException {
    db.close();
    floored.close();
  }

  static void append(String tenant, int from, int to) throws SQLException {
    store.appendAll(IntStream.range(from, to).mapToObj(i -> Events.login(tenant, i)).toList());
  }

  /** A checkpoint as if signed {@code daysAgo} days ago. */
  static void checkpoint(String tenant, int daysAgo) throws Exception {
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(daysAgo)), ZoneOffset.UTC);
    new Checkpointer(db.app(), signer, verifier, past).checkpoint(tenant).orElseThrow();
  }

  @Test
  void pruningUpToAnOldCheckpointKeepsTheChainVerifiable() throws Exception {
    String t = "ret-ok";
    append(t, 1, 5);
    checkpoint(t, 400);
    append(t, 5, 9);
    checkpoint(t, 10);
    append(t, 9, 11);

    ChainedEvent e =
        new Retention(db.app(), store, verifier)
            .prune(t, Instant.now().minus(Duration.ofDays(100)), "retention-job")
            .orElseThrow();
    assertThat(e.seq()).isEqualTo(11);
    assertThat(e.event().action()).isEqualTo(AuditAction.AUDIT_PRUNE);
    assertThat(e.event().targetId()).isEqualTo("4");
    assertThat(e.event().reason()).startsWith("3 rows before seq 4 pruned");

    VerifyResult r = verifier.verify(t);
    assertThat(r.firstBreak()).isEmpty();
    assertThat(r.firstSeq()).isEqualTo(4);
    assertThat(r.rowsChecked()).isEqualTo(8);
    assertThat(r.checkpointsChecked()).isEqualTo(2);
    assertThat(r.verifiedSeq()).isEqualTo(11);
    // Checkpoints go on from there.
    new Checkpointer(db.app(), signer, verifier, Clock.systemUTC()).checkpoint(t).orElseThrow();
    assertThat(verifier.verify(t).ok()).isTrue();
  }

  @Test
  void nothingIsPrunedWithoutACheckpointOlderThanTheCutoff() throws Exception {
    String t = "ret-none";
    append(t, 1, 5);
    checkpoint(t, 5);
    assertThat(
            new Retention(db.app(), store, verifier)
                .prune(t, Instant.now().minus(Duration.ofDays(30)), "job"))
        .isEmpty();
    assertThat(verifier.verify(t).rowsChecked()).isEqualTo(4);
  }

  @Test
  void headRowsDeletedByHandAreAGapEvenWithACheckpointThere() throws Exception {
    String t = "ret-forged";
    append(t, 1, 8);
    checkpoint(t, 1);
    append(t, 8, 10);
    try (Connection c = db.owner().getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter table audit_event disable trigger user");
      s.execute("delete from audit_event where tenant_id = '" + t + "' and seq < 7");
      s.execute("alter table audit_event enable trigger user");
    }
    ChainBreak b = verifier.verify(t).firstBreak().orElseThrow();
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
    assertThat(b.seq()).isEqualTo(1);
    assertThat(b.detail()).contains("1..6").contains("no audit.prune event");
  }

  @Test
  void theKeptAnchorRowIsStillProtected() throws Exception {
    String t = "ret-anchor";
    append(t, 1, 6);
    checkpoint(t, 400);
    append(t, 6, 8);
    new Retention(db.app(), store, verifier)
        .prune(t, Instant.now().minus(Duration.ofDays(100)), "job");
    try (Connection c = db.owner().getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter table audit_event disable trigger user");
      s.execute("update audit_event set actor_id = 'x' where tenant_id = '" + t + "' and seq = 5");
      s.execute("alter table audit_event enable trigger user");
    }
    ChainBreak b = verifier.verify(t).firstBreak().orElseThrow();
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    assertThat(b.seq()).isEqualTo(5);
  }

  @Test
  void theApplicationCannotPruneInsideTheFloorNorDeleteDirectly() throws Exception {
    AuditStore s = new AuditStore(floored.app());
    s.appendAll(IntStream.range(1, 4).mapToObj(i -> Events.login("ret-floor", i)).toList());
    Retention r =
        new Retention(floored.app(), s, new ChainVerifier(floored.app(), new KeyRing(List.of())));
    assertThatThrownBy(() -> r.prune("ret-floor", Instant.now().minus(Duration.ofDays(10)), "app"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
        .hasMessageContaining("kept at least 30 days");
    assertThat(r.prune("ret-floor", Instant.now().minus(Duration.ofDays(31)), "app")).isEmpty();
    try (Connection c = floored.app().getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(false);
      st.execute("select set_config('orgvault.audit_pruning', 'ret-floor', true)");
      assertThatThrownBy(() -> st.execute("delete from audit_event where tenant_id = 'ret-floor'"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void aForgedOldCheckpointCannotPruneRowsInsideTheFloor() throws Exception {
    String t = "ret-forged-cp";
    AuditStore s = new AuditStore(floored.app());
    s.appendAll(
        IntStream.range(1, 6)
            .mapToObj(
                i ->
                    io.orgvault.audit.event.AuditEvent.builder(
                            t, AuditAction.LOGIN, io.orgvault.audit.event.Outcome.SUCCESS)
                        .build())
            .toList());
    // The application's role may insert checkpoints: one dated a year ago at the head.
    try (Connection c = floored.app().getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "insert into audit_checkpoint select tenant_id, seq, hash, now() - interval '400 days',"
              + " 1, 'forged', '\\x00' from audit_event where tenant_id = '"
              + t
              + "' and seq = 5");
      assertThatThrownBy(
              () -> st.execute("select audit_prune('" + t + "', now() - interval '31 days')"))
          .hasMessageContaining("younger than 30 days");
    }
    try (Connection c = floored.owner().getConnection();
        Statement st = c.createStatement();
        var rs =
            st.executeQuery("select count(*) from audit_event where tenant_id = '" + t + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(5);
    }
  }

  @Test
  void aBrokenChainIsNeverPruned() throws Exception {
    String t = "ret-broken";
    append(t, 1, 5);
    checkpoint(t, 400);
    append(t, 5, 8);
    try (Connection c = db.owner().getConnection();
        Statement s = c.createStatement()) {
      s.execute("alter table audit_event disable trigger user");
      s.execute("update audit_event set reason = 'x' where tenant_id = '" + t + "' and seq = 2");
      s.execute("alter table audit_event enable trigger user");
    }
    assertThatThrownBy(
            () ->
                new Retention(db.app(), store, verifier)
                    .prune(t, Instant.now().minus(Duration.ofDays(100)), "job"))
        .isInstanceOf(io.orgvault.audit.verify.ChainBrokenException.class)
        .hasMessageContaining("HASH_MISMATCH at seq 2");
    assertThat(verifier.verify(t).firstBreak().orElseThrow().seq()).isEqualTo(2);
  }
}
