package io.orgvault.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The tenants that have audit rows, for periodic checkpoints and {@code verify --all-tenants}. */
public final class AuditTenants {
  private AuditTenants() {}

  /**
   * Found by skipping through the primary key's index one tenant at a time (a recursive query)
   * rather than scanning every row.
   */
  public static List<String> withRows(DataSource dataSource) throws SQLException {
    String sql =
        "with recursive t(id) as ("
            + " (select tenant_id from audit_event order by tenant_id limit 1)"
            + " union all"
            + " select (select tenant_id from audit_event where tenant_id > t.id"
            + " order by tenant_id limit 1) from t where t.id is not null)"
            + " select id from t where id is not null";
    List<String> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement(sql);
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
