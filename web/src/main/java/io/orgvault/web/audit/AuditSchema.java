package io.orgvault.web.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Applies the audit module's migrations ({@code db/audit}) at start, after web's own (Quarkus runs
 * those first), with their own history table so the two version lines never meet. A service whose
 * audit schema cannot be brought up does not start: it could not record anything.
 */
@Startup
@ApplicationScoped
public class AuditSchema {
  private static final Logger LOG = Logger.getLogger(AuditSchema.class);
  static final String HISTORY_TABLE = "audit_schema_history";

  private final boolean ready;

  @Inject
  AuditSchema(
      AgroalDataSource dataSource,
      AuditSettings settings,
      @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind,
      @ConfigProperty(name = "quarkus.flyway.schemas") Optional<List<String>> schemas) {
    if (!settings.enabled()) {
      LOG.warn(
          "AUDIT LOG DISABLED (orgvault.audit.enabled=false): requests are not recorded and the"
              + " audit endpoints answer 503. Only the H2 demo may run like this.");
      ready = false;
      return;
    }
    if (!"postgresql".equals(dbKind)) {
      throw new IllegalStateException(
          "the audit log needs PostgreSQL (database kind is "
              + dbKind
              + "); set orgvault.audit.enabled=false only for the demo");
    }
    var flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/audit")
            .table(HISTORY_TABLE)
            // the schema already holds web's tables: start this history below V1 beside them
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .placeholders(
                Map.of(
                    "audit_writer_role", settings.writerRole(),
                    "audit_min_retention_days", Integer.toString(settings.minRetentionDays())));
    schemas.filter(s -> !s.isEmpty()).ifPresent(s -> flyway.schemas(s.toArray(String[]::new)));
    var result = flyway.load().migrate();
    LOG.infof(
        "audit schema at version %s (%d migrations applied)",
        result.targetSchemaVersion, result.migrationsExecuted);
    ready = true;
  }

  /** Whether the audit log is in use (false only in the H2 demo). */
  public boolean enabled() {
    return ready;
  }
}
