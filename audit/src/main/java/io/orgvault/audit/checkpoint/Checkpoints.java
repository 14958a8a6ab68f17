package io.orgvault.audit.checkpoint;

import io.orgvault.audit.event.ChainHash;
import io.orgvault.audit.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Rows of {@code audit_checkpoint}. */
public final class Checkpoints {
  /** The columns {@link #read} expects, in its order. */
  public static final String COLUMNS =
      "tenant_id, seq, head_hash, created_at, format, key_id, signature";

  private Checkpoints() {}

  public static Checkpoint read(ResultSet rs) throws SQLException {
    byte[] head = rs.getBytes(3);
    return new Checkpoint(
        rs.getString(1),
        rs.getLong(2),
        ChainHash.of(head),
        rs.getObject(4, OffsetDateTime.class).toInstant(),
        rs.getInt(5),
        rs.getString(6),
        rs.getBytes(7));
  }

  public static Optional<Checkpoint> latest(Connection c, String tenantId) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "select "
                + COLUMNS
                + " from audit_checkpoint where tenant_id = ? order by seq desc limit 1")) {
      q.setString(1, tenantId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  static void insert(Connection c, Checkpoint cp) throws SQLException {
    try (PreparedStatement ins =
        c.prepareStatement(
            "insert into audit_checkpoint ("
                + COLUMNS
                + ") values (?,?,?,?,?,?,?) on conflict (tenant_id, seq) do nothing")) {
      ins.setString(1, cp.tenantId());
      ins.setLong(2, cp.seq());
      ins.setBytes(3, cp.headHash().bytes());
      ins.setObject(4, Timestamps.toOffset(cp.createdAt()));
      ins.setInt(5, cp.format());
      ins.setString(6, cp.keyId());
      ins.setBytes(7, cp.signature());
      ins.executeUpdate();
    }
  }
}
