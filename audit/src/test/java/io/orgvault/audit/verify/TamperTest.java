package io.orgvault.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.audit.Events;
import io.orgvault.audit.TestDatabase;
import io.orgvault.audit.checkpoint.Checkpoint;
import io.orgvault.audit.checkpoint.Checkpointer;
import io.orgvault.audit.checkpoint.Ed25519KeyFile;
import io.orgvault.audit.checkpoint.KeyRing;
import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.store.AuditStore;
import io.orgvault.audit.store.AuditTenants;
import io.orgvault.audit.store.StoredRow;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering done the way an attacker with superuser access would: triggers disabled, rows edited,
 * deleted, inserted and moved directly in PostgreSQL. Each tenant is tampered once.
 */
class TamperTest {
  static final AtomicInteger TENANTS = new AtomicInteger();
  @TempDir static Path keys;
  static TestDatabase db;
  static AuditStore store;
  static ChainVerifier verifier;
  static Checkpointer checkpointer;
  static Ed25519KeyFile otherKey;

  @BeforeAll
  static void setUp() throws Exception {
    db = TestDatabase.create("orgvault_audit_test_tamper");
    store = new AuditStore(db.app());
    PublicKey pub = Ed25519KeyFile.generate(keys.resolve("audit.key"), keys.resolve("audit.pub"));
    Ed25519KeyFile.generate(keys.resolve("other.key"), keys.resolve("other.pub"));
    otherKey = Ed25519KeyFile.load(keys.resolve("other.key"), keys.resolve("other.pub"));
    verifier = new ChainVerifier(db.app(), new KeyRing(List.of(pub)));
    checkpointer =
        new Checkpointer(
            db.app(),
            Ed25519KeyFile.load(keys.resolve("audit.key"), keys.resolve("audit.pub")),
            verifier,
            Clock.systemUTC());
  }

  @AfterAll
  static void tearDown() throws SQLException {
    db.close();
  }

  /** A fresh tenant with rows 1..n. */
  static String tenantWith(int n) throws SQLException {
    String t = "tamper-" + TENANTS.incrementAndGet();
    store.appendAll(IntStream.rangeClosed(1, n).mapToObj(i -> Events.login(t, i)).toList());
    return t;
  }

  static void asSuperuser(String... sql) throws SQLException {
    try (Connection c = db.owner().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("alter table audit_event disable trigger user");
      s.execute("alter table audit_checkpoint disable trigger user");
      for (String q : sql) {
        s.execute(q);
      }
      s.execute("alter table audit_event enable trigger user");
      s.execute("alter table audit_checkpoint enable trigger user");
      c.commit();
    }
  }

  static StoredRow row(String tenant, long seq) throws SQLException {
    try (Connection c = db.owner().getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select "
                    + StoredRow.COLUMNS
                    + " from audit_event where tenant_id = ? and seq = ?")) {
      q.setString(1, tenant);
      q.setLong(2, seq);
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return StoredRow.read(rs);
      }
    }
  }

  /** Rewrites rows from..to so each links and hashes correctly, as a careful attacker would. */
  static void rehash(String tenant, long from, long to) throws SQLException {
    ChainHash prev = ChainHash.of(row(tenant, from - 1).hash());
    for (long s = from; s <= to; s++) {
      StoredRow r = row(tenant, s);
      ChainHash h = ChainHash.sha256(r.canonicalV1(prev));
      asSuperuser(
          "update audit_event set prev_hash = '\\x"
              + prev.hex()
              + "', hash = '\\x"
              + h.hex()
              + "' where tenant_id = '"
              + tenant
              + "' and seq = "
              + s);
      prev = h;
    }
  }

  static ChainBreak brokenAt(String tenant) throws SQLException {
    VerifyResult r = verifier.verify(tenant);
    assertThat(r.ok()).as("tampering must be caught").isFalse();
    return r.firstBreak().orElseThrow();
  }

  @Test
  void anUntouchedChainWithCheckpointsVerifies() throws Exception {
    String t = tenantWith(7);
    assertThat(checkpointer.checkpoint(t)).isPresent();
    store.append(Events.login(t, 8));
    Checkpoint cp = checkpointer.checkpoint(t).orElseThrow();
    assertThat(cp.seq()).isEqualTo(8);
    assertThat(checkpointer.checkpoint(t)).as("nothing new to sign").isEmpty();
    store.append(Events.login(t, 9));

    VerifyResult r = verifier.verify(t);
    assertThat(r.firstBreak()).isEmpty();
    assertThat(r.rowsChecked()).isEqualTo(9);
    assertThat(r.checkpointsChecked()).isEqualTo(2);
    assertThat(AuditTenants.withRows(db.app())).contains(t);
  }

  @Test
  void anEditedRowIsAHashMismatchAtThatRow() throws SQLException {
    String t = tenantWith(10);
    asSuperuser(
        "update audit_event set actor_name = 'someone else' where tenant_id = '"
            + t
            + "' and seq = 4");
    ChainBreak b = brokenAt(t);
    assertThat(b.kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    assertThat(b.seq()).isEqualTo(4);
  }

  @Test
  void anEditedTimeIsCaughtToo() throws SQLException {
    String t = tenantWith(6);
    asSuperuser(
        "update audit_event set occurred_at = occurred_at - interval '1 microsecond'"
            + " where tenant_id = '"
            + t
            + "' and seq = 2");
    assertThat(brokenAt(t))
        .extracting(ChainBreak::kind, ChainBreak::seq)
        .containsExactly(BreakKind.HASH_MISMATCH, 2L);
  }

  @Test
  void anEditedRowWithItsHashRecomputedBreaksTheNextLink() throws SQLException {
    String t = tenantWith(10);
    asSuperuser(
        "update audit_event set outcome = 'success' where tenant_id = '" + t + "' and seq = 5");
    rehash(t, 5, 5);
    ChainBreak b = brokenAt(t);
    assertThat(b.kind()).isEqualTo(BreakKind.BROKEN_LINK);
    assertThat(b.seq()).isEqualTo(6);
  }

  @Test
  void aDeletedRowIsAGapWhereItWas() throws SQLException {
    String t = tenantWith(10);
    asSuperuser("delete from audit_event where tenant_id = '" + t + "' and seq in (5, 6)");
    ChainBreak b = brokenAt(t);
    assertThat(b.kind()).isEqualTo(BreakKind.SEQUENCE_GAP);
    assertThat(b.seq()).isEqualTo(5);
    assertThat(b.detail()).contains("5..6");
  }

  @Test
  void aDeletedFirstRowIsCaught() throws SQLException {
    String t = tenantWith(3);
    asSuperuser("delete from audit_event where tenant_id = '" + t + "' and seq = 1");
    assertThat(brokenAt(t))
        .extracting(ChainBreak::kind, ChainBreak::seq)
        .containsExactly(BreakKind.SEQUENCE_GAP, 1L);
  }

  @Test
  void anInsertedRowWithRenumberedSuccessorsIsCaughtWhereTheChainNoLongerLinks()
      throws SQLException {
    String t = tenantWith(10);
    // Make room at 6 (two steps: the primary key is checked row by row), then forge a row there
    // that links to row 5 and hashes correctly.
    asSuperuser(
        "update audit_event set seq = seq + 1000 where tenant_id = '" + t + "' and seq >= 6",
        "update audit_event set seq = seq - 999 where tenant_id = '" + t + "' and seq >= 1000",
        "insert into audit_event select tenant_id, 6, format, occurred_at, 'forger', actor_name,"
            + " actor_role, source_ip, user_agent, action, target_type, target_id, outcome,"
            + " reason, request_id, prev_hash, hash from audit_event where tenant_id = '"
            + t
            + "' and seq = 7");
    rehash(t, 6, 6);
    ChainBreak b = brokenAt(t);
    assertThat(b.kind()).isEqualTo(BreakKind.BROKEN_LINK);
    assertThat(b.seq()).as("the row after the forged one").isEqualTo(7);
  }

  @Test
  void aRowAppendedByHandIsCaught() throws SQLException {
    String t = tenantWith(4);
    asSuperuser(
        "insert into audit_event select tenant_id, 5, format, occurred_at, actor_id, actor_name,"
            + " actor_role, source_ip, user_agent, action, target_type, target_id, outcome,"
            + " reason, request_id, hash, hash from audit_event where tenant_id = '"
            + t
            + "' and seq = 4");
    assertThat(brokenAt(t))
        .extracting(ChainBreak::kind, ChainBreak::seq)
        .containsExactly(BreakKind.HASH_MISMATCH, 5L);
  }

  @Test
  void twoSwappedRowsAreCaughtAtTheFirstOfThem() throws SQLException {
    String t = tenantWith(10);
    asSuperuser(
        "update audit_event set seq = seq + 1000 where tenant_id = '" + t + "' and seq in (3, 4)",
        "update audit_event set seq = 4 where tenant_id = '" + t + "' and seq = 1003",
        "update audit_event set seq = 3 where tenant_id = '" + t + "' and seq = 1004");
    ChainBreak b = brokenAt(t);
    assertThat(b.kind()).isEqualTo(BreakKind.BROKEN_LINK);
    assertThat(b.seq()).isEqualTo(3);
  }

  @Test
  void aDeletedTailAfterACheckpointIsTruncation() throws Exception {
    String t = tenantWith(10);
    checkpointer.checkpoint(t).orElseThrow();
    asSuperuser("delete from audit_event where tenant_id = '" + t + "' and seq > 7");
    ChainBreak b = brokenAt(t);
    assertThat(b.kind()).isEqualTo(BreakKind.TRUNCATED);
    assertThat(b.seq()).isEqualTo(8);
    assertThat(b.detail()).contains("8..10");
  }

  @Test
  void aDeletedTailFollowedByNewAppendsDisagreesWithTheCheckpoint() throws Exception {
    String t = tenantWith(10);
    checkpointer.checkpoint(t).orElseThrow();
    asSuperuser("delete from audit_event where tenant_id = '" + t + "' and seq > 7");
    store.appendAll(IntStream.range(100, 105).mapToObj(i -> Events.login(t, i)).toList());
    assertThat(brokenAt(t))
        .extracting(ChainBreak::kind, ChainBreak::seq)
        .containsExactly(BreakKind.CHECKPOINT_MISMATCH, 10L);
  }

  @Test
  void aRewrittenChainUpToACheckpointDisagreesWithIt() throws Exception {
    String t = tenantWith(10);
    checkpointer.checkpoint(t).orElseThrow();
    asSuperuser(
        "update audit_event set reason = 'nothing to see' where tenant_id = '"
            + t
            + "' and seq = 6");
    rehash(t, 6, 10);
    assertThat(brokenAt(t))
        .extracting(ChainBreak::kind, ChainBreak::seq)
        .containsExactly(BreakKind.CHECKPOINT_MISMATCH, 10L);
  }

  @Test
  void anEditedCheckpointHasAnInvalidSignature() throws Exception {
    String t = tenantWith(5);
    checkpointer.checkpoint(t).orElseThrow();
    asSuperuser(
        "delete from audit_event where tenant_id = '" + t + "' and seq > 3",
        "update audit_checkpoint set seq = 3, head_hash = (select hash from audit_event where"
            + " tenant_id = '"
            + t
            + "' and seq = 3) where tenant_id = '"
            + t
            + "'");
    assertThat(brokenAt(t))
        .extracting(ChainBreak::kind, ChainBreak::seq)
        .containsExactly(BreakKind.CHECKPOINT_SIGNATURE_INVALID, 3L);
  }

  @Test
  void aCheckpointByAnotherKeyIsNotTrusted() throws Exception {
    String t = tenantWith(5);
    new Checkpointer(db.app(), otherKey, verifier, Clock.systemUTC()).checkpoint(t).orElseThrow();
    assertThat(brokenAt(t))
        .extracting(ChainBreak::kind, ChainBreak::seq)
        .containsExactly(BreakKind.CHECKPOINT_UNKNOWN_KEY, 5L);
  }

  @Test
  void noCheckpointIsSignedOverTampering() throws Exception {
    String t = tenantWith(6);
    checkpointer.checkpoint(t).orElseThrow();
    store.append(Events.login(t, 7));
    store.append(Events.login(t, 8));
    asSuperuser("update audit_event set actor_id = 'x' where tenant_id = '" + t + "' and seq = 8");
    assertThatThrownBy(() -> checkpointer.checkpoint(t))
        .isInstanceOfSatisfying(
            ChainBrokenException.class,
            e -> assertThat(e.chainBreak().kind()).isEqualTo(BreakKind.HASH_MISMATCH))
        .hasMessageContaining("seq 8");
    try (Connection c = db.owner().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select max(seq) from audit_checkpoint where tenant_id = '" + t + "'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(6);
    }
  }
}
