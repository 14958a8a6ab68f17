package io.orgvault.web.backup.schedule;

import io.orgvault.web.backup.service.BackupOrchestrator;
import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Runs one backup of a tenant: a queued run (on-demand, retry), or the daily backup of an org.
 * Quartz never runs two of the same tenant at once.
 */
@ApplicationScoped
@DisallowConcurrentExecution
public class TenantBackupJob implements Job {
  @Inject BackupOrchestrator orchestrator;

  @Override
  public void execute(JobExecutionContext context) {
    var data = context.getMergedJobDataMap();
    TenantId tenant = TenantId.of(data.getString(BackupScheduler.TENANT));
    if (data.containsKey(BackupScheduler.RUN)) {
      orchestrator.execute(
          tenant, UUID.fromString(data.getString(BackupScheduler.RUN)), context.isRecovering());
    } else {
      orchestrator.executeScheduled(tenant, UUID.fromString(data.getString(BackupScheduler.ORG)));
    }
  }
}
