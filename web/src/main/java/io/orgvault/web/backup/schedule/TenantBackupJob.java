package io.orgvault.web.backup.schedule;

import io.orgvault.web.backup.service.BackupOrchestrator;
import io.orgvault.web.restore.service.RestoreOrchestrator;
import io.orgvault.web.retention.service.RetentionService;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Runs one job on a tenant's store: a queued backup run (on-demand, retry), the daily backup of an
 * org, a retention run, or a restore's plan or run. Quartz never runs two of the same tenant at
 * once, so retention never prunes a store a backup is writing, and a restore never reads or
 * journals into a store while a backup writes it.
 */
@ApplicationScoped
@DisallowConcurrentExecution
public class TenantBackupJob implements Job {
  @Inject BackupOrchestrator orchestrator;
  @Inject RetentionService retention;
  @Inject RestoreOrchestrator restores;

  @Override
  public void execute(JobExecutionContext context) {
    var data = context.getMergedJobDataMap();
    TenantId tenant = TenantId.of(data.getString(BackupScheduler.TENANT));
    if (data.containsKey(BackupScheduler.RESTORE)) {
      restores.execute(
          tenant, UUID.fromString(data.getString(BackupScheduler.RESTORE)), context.isRecovering());
    } else if (data.containsKey(BackupScheduler.RETENTION)) {
      String which = data.getString(BackupScheduler.RETENTION);
      if (BackupScheduler.DAILY.equals(which)) {
        retention.executeScheduled(tenant);
      } else {
        retention.execute(tenant, UUID.fromString(which));
      }
    } else if (data.containsKey(BackupScheduler.RUN)) {
      orchestrator.execute(
          tenant, UUID.fromString(data.getString(BackupScheduler.RUN)), context.isRecovering());
    } else {
      orchestrator.executeScheduled(tenant, UUID.fromString(data.getString(BackupScheduler.ORG)));
    }
  }
}
