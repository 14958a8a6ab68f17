package io.orgvault.web.backup.service;

import io.orgvault.web.backup.BackupRun;
import io.orgvault.web.backup.repository.BackupRunRepository;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads a tenant's backup runs. */
@ApplicationScoped
public class BackupRunService {
  public static final int MAX_LIST = 200;

  @Inject BackupRunRepository runs;

  @Transactional
  public Optional<BackupRun> find(TenantId tenant, UUID id) {
    return runs.find(tenant, id);
  }

  @Transactional
  public List<BackupRun> listForOrg(TenantId tenant, UUID orgId, int limit) {
    return runs.listForOrg(tenant, orgId, Math.max(1, Math.min(limit, MAX_LIST)));
  }
}
