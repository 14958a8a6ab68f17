package io.orgvault.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema of its own on the machine's PostgreSQL, migrated with the module's own Flyway script the
 * way web will run it (its own history table, the writer role as a placeholder), dropped after.
 */
public final class TestDatabase implements AutoCloseable {
  public static final String WRITER_ROLE = "orgvault_audit_test_writer";
  public static final String APP_LOGIN = "orgvault_audit_test_app";
  private static final String HOST = "jdbc:postgresql://127.0.0.1:5432/test";

  private final String schema;

  private TestDatabase(String schema) {
    this.schema = schema;
  }

  /** Drops and recreates the schema, then migrates it; no retention floor. */
  public static TestDatabase create(String schema) throws SQLException {
    return create(schema, 0);
  }

  /** Drops and recreates the schema, then migrates it with a retention floor in days. */
  public static TestDatabase create(String schema, int minRetentionDays) throws SQLException {
    TestDatabase db = new TestDatabase(schema);
    try (Connection c = db.owner().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
      s.execute("create schema " + schema);
      // Roles are cluster-wide: created once, reused by every run.
      s.execute(
          "do $$ begin if not exists (select 1 from pg_roles where rolname = '"
              + APP_LOGIN
              + "') then create role "
              + APP_LOGIN
              + " login; end if; end $$");
    }
    Flyway.configure()
        .dataSource(db.owner())
        .schemas(schema)
        .defaultSchema(schema)
        .table("audit_schema_history")
        .locations("classpath:db/audit")
        .placeholders(
            Map.of(
                "audit_writer_role",
                WRITER_ROLE,
                "audit_min_retention_days",
                Integer.toString(minRetentionDays)))
        .load()
        .migrate();
    try (Connection c = db.owner().getConnection();
        Statement s = c.createStatement()) {
      s.execute("grant " + WRITER_ROLE + " to " + APP_LOGIN);
    }
    return db;
  }

  /** The superuser that owns the schema: what an attacker with database access would use. */
  public DataSource owner() {
    return dataSource("postgres");
  }

  /** The application's login: INSERT and SELECT through the writer role, nothing more. */
  public DataSource app() {
    return dataSource(APP_LOGIN);
  }

  public String schema() {
    return schema;
  }

  private DataSource dataSource(String user) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(HOST + "?currentSchema=" + schema);
    ds.setUser(user);
    return ds;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = owner().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
    }
  }
}
