package io.orgvault.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgvault.audit.Events;
import io.orgvault.audit.TestDatabase;
import io.orgvault.audit.checkpoint.KeyRing;
import io.orgvault.audit.event.CanonicalForm;
import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.verify.ChainVerifier;
import io.orgvault.audit.verify.VerifyResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditStoreTest {
  static TestDatabase db;
  static AuditStore store;
  static ChainVerifier verifier;

  @BeforeAll
  static void setUp() throws SQLException {
    db = TestDatabase.create("orgvault_audit_test_store");
    store = new AuditStore(db.app());
    verifier = new ChainVerifier(db.app(), new KeyRing(List.of()));
  }

  @AfterAll
  static void tearDown() throws SQLException {
    db.close();
  }

  @Test
  void eachTenantHasItsOwnChainLinkedFromGenesis() throws SQLException {
    ChainedEvent a1 = store.append(Events.login("t-a", 1));
    ChainedEvent b1 = store.append(Events.login("t-b", 1));
    ChainedEvent a2 = store.append(Events.login("t-a", 2));

    assertThat(a1.seq()).isEqualTo(1);
    assertThat(b1.seq()).isEqualTo(1);
    assertThat(a2.seq()).isEqualTo(2);
    assertThat(a1.prevHash()).isEqualTo(ChainHash.GENESIS);
    assertThat(a2.prevHash()).isEqualTo(a1.hash());
    assertThat(a1.hash())
        .isEqualTo(ChainHash.sha256(CanonicalForm.v1(a1.event(), 1, ChainHash.GENESIS)));
    assertThat(verifier.verify("t-a").ok()).isTrue();
    assertThat(verifier.verify("t-a").rowsChecked()).isEqualTo(2);
    assertThat(verifier.verify("t-b").verifiedHash()).isEqualTo(b1.hash());
  }

  @Test
  void storedRowsReadBackAsTheEventsAppended() throws SQLException {
    List<ChainedEvent> in =
        store.appendAll(List.of(Events.login("t-read", 5), Events.view("t-read", "u", 7)));
    try (Connection c = db.app().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select "
                    + StoredRow.COLUMNS
                    + " from audit_event where tenant_id = 't-read' order by seq")) {
      List<ChainedEvent> out = new ArrayList<>();
      while (rs.next()) {
        out.add(StoredRow.read(rs).toChainedEvent());
      }
      assertThat(out).usingRecursiveFieldByFieldElementComparator().isEqualTo(in);
    }
  }

  @Test
  void concurrentAppendersOfOneTenantNeverShareOrSkipASequenceNumber() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int base = t * 1000;
        fs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 40; i++) {
                    store.append(Events.login("t-conc", base + i));
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    VerifyResult r = verifier.verify("t-conc");
    assertThat(r.ok()).as(String.valueOf(r.firstBreak())).isTrue();
    assertThat(r.rowsChecked()).isEqualTo(320);
    assertThat(r.verifiedSeq()).isEqualTo(320);
  }

  @Test
  void anAppendInTheCallersTransactionRollsBackWithIt() throws SQLException {
    store.append(Events.login("t-tx", 1));
    try (Connection c = db.app().getConnection()) {
      c.setAutoCommit(false);
      ChainedEvent e = store.append(c, Events.login("t-tx", 2));
      assertThat(e.seq()).isEqualTo(2);
      c.rollback();
    }
    assertThat(store.append(Events.login("t-tx", 3)).seq()).isEqualTo(2);
    assertThat(verifier.verify("t-tx").ok()).isTrue();
  }

  @Test
  void anAppendOutsideATransactionIsRefusedBeforeWritingAnything() throws SQLException {
    try (Connection c = db.app().getConnection()) {
      assertThatThrownBy(() -> store.append(c, Events.login("t-auto", 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("transaction");
    }
    assertThat(verifier.verify("t-auto").rowsChecked()).isZero();
  }

  @Test
  void theApplicationRoleCanInsertAndReadButNotChangeOrRemove() throws SQLException {
    store.append(Events.login("t-grant", 1));
    for (String sql :
        List.of(
            "update audit_event set reason = 'x' where tenant_id = 't-grant'",
            "delete from audit_event where tenant_id = 't-grant'",
            "truncate audit_event",
            "update audit_checkpoint set key_id = 'x'",
            "delete from audit_checkpoint",
            "truncate audit_checkpoint")) {
      try (Connection c = db.app().getConnection();
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute(sql))
            .as(sql)
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
            .hasMessageContaining("permission denied");
      }
    }
    assertThat(verifier.verify("t-grant").rowsChecked()).isEqualTo(1);
  }

  @Test
  void evenTheOwnerIsRefusedByTheTriggersWhileTheyAreEnabled() throws SQLException {
    store.append(Events.login("t-owner", 1));
    for (String sql :
        List.of(
            "update audit_event set reason = 'x' where tenant_id = 't-owner'",
            "delete from audit_event where tenant_id = 't-owner'",
            "truncate audit_event")) {
      try (Connection c = db.owner().getConnection();
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).hasMessageContaining("append-only");
      }
    }
    assertThat(verifier.verify("t-owner").rowsChecked()).isEqualTo(1);
  }

  @Test
  void aBatchOverSeveralTenantsChainsEachInOrder() throws SQLException {
    List<ChainedEvent> out =
        store.appendAll(
            IntStream.range(0, 10)
                .mapToObj(i -> Events.login(i % 2 == 0 ? "t-m1" : "t-m2", i))
                .toList());
    assertThat(out)
        .extracting(ChainedEvent::seq)
        .containsExactly(1L, 1L, 2L, 2L, 3L, 3L, 4L, 4L, 5L, 5L);
    assertThat(verifier.verify("t-m1").rowsChecked()).isEqualTo(5);
    assertThat(verifier.verify("t-m2").ok()).isTrue();
  }
}
