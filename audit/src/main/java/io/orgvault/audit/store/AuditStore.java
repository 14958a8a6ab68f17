package io.orgvault.audit.store;

import io.orgvault.audit.event.AuditEvent;
import io.orgvault.audit.event.CanonicalForm;
import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.event.ChainedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Appends events to their tenants' hash chains in {@code audit_event}. Appends of one tenant are
 * serialized by a transaction-scoped advisory lock on the tenant, so two instances never give two
 * rows the same place; the primary key (tenant, seq) would refuse it anyway. The lock needs no
 * updatable table, so the application's role keeps only INSERT and SELECT.
 */
public final class AuditStore {
  /**
   * The advisory-lock class of audit appends, "OVAU" in ASCII: appends take {@code
   * pg_advisory_xact_lock(LOCK_CLASS, hashtext(tenant))}. Other features' locks use other classes
   * (web's sandbox slots have a configurable one: keep it different); two tenants whose names hash
   * alike only wait for each other.
   */
  public static final int LOCK_CLASS = 0x4F564155;

  private static final String INSERT =
      "insert into audit_event (tenant_id, seq, format, occurred_at, actor_id, actor_name,"
          + " actor_role, source_ip, user_agent, action, target_type, target_id, outcome, reason,"
          + " request_id, prev_hash, hash) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  private final DataSource dataSource;

  public AuditStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource);
  }

  /** Appends one event in a transaction of its own. */
  public ChainedEvent append(AuditEvent event) throws SQLException {
    return appendAll(List.of(event)).get(0);
  }

  /**
   * Appends events, in order, in one transaction of its own: all are stored or none. Tenants are
   * locked in a fixed order so two batches over the same tenants cannot deadlock.
   */
  public List<ChainedEvent> appendAll(List<AuditEvent> events) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<ChainedEvent> out = appendAll(c, events);
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  /**
   * Appends within the caller's transaction, so an audit row commits or rolls back with the change
   * it records. The tenant stays locked until that transaction ends: keep it short.
   */
  public ChainedEvent append(Connection c, AuditEvent event) throws SQLException {
    return appendAll(c, List.of(event)).get(0);
  }

  /** {@link #append(Connection, AuditEvent)} for several events. */
  public List<ChainedEvent> appendAll(Connection c, List<AuditEvent> events) throws SQLException {
    if (c.getAutoCommit()) {
      throw new IllegalStateException(
          "audit appends need a transaction: the tenant's lock lasts until it ends");
    }
    Map<String, Head> heads = new LinkedHashMap<>();
    events.stream()
        .map(AuditEvent::tenantId)
        .distinct()
        .sorted(Comparator.naturalOrder())
        .forEach(t -> heads.put(t, null));
    for (String tenant : heads.keySet()) {
      heads.put(tenant, lockAndReadHead(c, tenant));
    }
    List<ChainedEvent> out = new ArrayList<>(events.size());
    try (PreparedStatement ins = c.prepareStatement(INSERT)) {
      for (AuditEvent e : events) {
        Head h = heads.get(e.tenantId());
        long seq = h.seq + 1;
        ChainHash hash = ChainHash.sha256(CanonicalForm.v1(e, seq, h.hash));
        bind(ins, e, seq, h.hash, hash);
        ins.addBatch();
        out.add(new ChainedEvent(seq, e, h.hash, hash));
        heads.put(e.tenantId(), new Head(seq, hash));
      }
      ins.executeBatch();
    }
    return out;
  }

  private static Head lockAndReadHead(Connection c, String tenant) throws SQLException {
    try (PreparedStatement lock =
        c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
      lock.setInt(1, LOCK_CLASS);
      lock.setString(2, tenant);
      lock.execute();
    }
    try (PreparedStatement q =
        c.prepareStatement(
            "select seq, hash from audit_event where tenant_id = ? order by seq desc limit 1")) {
      q.setString(1, tenant);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next()
            ? new Head(rs.getLong(1), ChainHash.of(rs.getBytes(2)))
            : new Head(0, ChainHash.GENESIS);
      }
    }
  }

  private static void bind(
      PreparedStatement ins, AuditEvent e, long seq, ChainHash prev, ChainHash hash)
      throws SQLException {
    ins.setString(1, e.tenantId());
    ins.setLong(2, seq);
    ins.setShort(3, (short) CanonicalForm.V1);
    ins.setObject(4, Timestamps.toOffset(e.occurredAt()));
    ins.setString(5, e.actorId());
    ins.setString(6, e.actorName());
    ins.setString(7, e.role());
    ins.setString(8, e.sourceIp());
    ins.setString(9, e.userAgent());
    ins.setString(10, e.action().code());
    ins.setString(11, e.targetType());
    ins.setString(12, e.targetId());
    ins.setString(13, e.outcome().code());
    ins.setString(14, e.reason());
    ins.setString(15, e.requestId());
    ins.setBytes(16, prev.bytes());
    ins.setBytes(17, hash.bytes());
  }

  private record Head(long seq, ChainHash hash) {}
}
