package io.orgvault.web.backup.repository;

import io.orgvault.web.backup.BackupSchedule;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/** The daily schedules of a tenant's orgs. */
@ApplicationScoped
public class BackupScheduleRepository {
  @Inject BackupScheduleRows rows;

  public Optional<BackupSchedule> find(TenantId tenant, UUID orgId) {
    return rows.find("tenantId = ?1 and orgId = ?2", tenant.value(), orgId).firstResultOptional();
  }

  public void add(TenantId tenant, BackupSchedule s) {
    if (!tenant.value().equals(s.tenantId)) {
      throw new IllegalArgumentException("schedule of another tenant");
    }
    rows.persist(s);
  }
}
