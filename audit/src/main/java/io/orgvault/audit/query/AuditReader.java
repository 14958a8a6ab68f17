package io.orgvault.audit.query;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.event.ChainedEvent;
import io.orgvault.audit.store.StoredRow;
import io.orgvault.audit.store.Timestamps;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The viewer's reads: pages newest first with keyset paging (a cursor on seq, so a page costs the
 * same at any depth and appends between pages shift nothing), and exports streamed oldest first
 * through a database cursor, never holding the result in memory.
 */
public final class AuditReader {
  private static final int FETCH = 500;

  private final DataSource dataSource;

  public AuditReader(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource);
  }

  public AuditPage page(AuditQuery q) throws SQLException {
    Sql sql = where(q, true);
    sql.text.append(" order by seq desc limit ?");
    sql.params.add(q.limit() + 1);
    List<ChainedEvent> out = new ArrayList<>(q.limit() + 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = sql.prepare(c);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(StoredRow.read(rs).toChainedEvent());
      }
    }
    if (out.size() <= q.limit()) {
      return new AuditPage(out, Optional.empty());
    }
    List<ChainedEvent> page = out.subList(0, q.limit());
    return new AuditPage(List.copyOf(page), Optional.of(page.get(page.size() - 1).seq()));
  }

  /**
   * Writes every event matching the query's filters (not its page or limit), oldest first, and
   * returns how many. The writer is flushed, not closed.
   */
  public long export(AuditQuery q, ExportFormat format, Writer out)
      throws SQLException, IOException {
    Sql sql = where(q, false);
    sql.text.append(" order by seq");
    EventWriter w = EventWriter.of(format, out);
    w.begin();
    long n = 0;
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      // PostgreSQL streams with a fetch size only inside a transaction.
      c.setAutoCommit(false);
      try (PreparedStatement ps = sql.prepare(c)) {
        ps.setFetchSize(FETCH);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            w.write(StoredRow.read(rs).toChainedEvent());
            n++;
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(auto);
      }
    }
    out.flush();
    return n;
  }

  private static Sql where(AuditQuery q, boolean paged) {
    Sql s = new Sql();
    s.text
        .append("select ")
        .append(StoredRow.COLUMNS)
        .append(" from audit_event where tenant_id = ?");
    s.params.add(q.tenantId());
    if (q.actorId() != null) {
      s.text.append(" and actor_id = ?");
      s.params.add(q.actorId());
    }
    if (!q.actions().isEmpty()) {
      s.text.append(" and action = any(?)");
      s.params.add(q.actions().stream().map(AuditAction::code).sorted().toArray(String[]::new));
    }
    if (q.from() != null) {
      s.text.append(" and occurred_at >= ?");
      s.params.add(Timestamps.toOffset(q.from()));
    }
    if (q.to() != null) {
      s.text.append(" and occurred_at < ?");
      s.params.add(Timestamps.toOffset(q.to()));
    }
    if (q.sourceIp() != null) {
      s.text.append(" and source_ip = ?");
      s.params.add(q.sourceIp());
    }
    if (q.outcome() != null) {
      s.text.append(" and outcome = ?");
      s.params.add(q.outcome().code());
    }
    if (paged && q.beforeSeq() != null) {
      s.text.append(" and seq < ?");
      s.params.add(q.beforeSeq());
    }
    return s;
  }

  /** A statement and its parameters, bound in order. */
  private static final class Sql {
    final StringBuilder text = new StringBuilder();
    final List<Object> params = new ArrayList<>();

    PreparedStatement prepare(Connection c) throws SQLException {
      PreparedStatement ps = c.prepareStatement(text.toString());
      try {
        for (int i = 0; i < params.size(); i++) {
          Object p = params.get(i);
          if (p instanceof String[] a) {
            ps.setArray(i + 1, c.createArrayOf("text", a));
          } else {
            ps.setObject(i + 1, p);
          }
        }
      } catch (SQLException e) {
        ps.close();
        throw e;
      }
      return ps;
    }
  }
}
