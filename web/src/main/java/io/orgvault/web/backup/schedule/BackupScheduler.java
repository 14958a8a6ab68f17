package io.orgvault.web.backup.schedule;

import io.orgvault.web.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Puts backup runs on Quartz. Each tenant has one durable job ({@link TenantBackupJob}, not
 * concurrent): Quartz's clustered JDBC store then runs at most one backup of a tenant at a time
 * across every instance, and re-runs a job whose instance died ({@code requestsRecovery}).
 */
@ApplicationScoped
public class BackupScheduler {
  static final String JOB_GROUP = "tenant-backups";
  static final String TRIGGER_GROUP = "backup-runs";
  static final String TENANT = "tenant";
  static final String RUN = "run";

  @Inject Scheduler quartz;

  /** Fires the run at {@code at} (now or later for a retry). */
  public void schedule(TenantId tenant, UUID runId, Instant at) {
    JobKey job = JobKey.jobKey(tenant.toString(), JOB_GROUP);
    try {
      if (!quartz.checkExists(job)) {
        JobDetail detail =
            JobBuilder.newJob(TenantBackupJob.class)
                .withIdentity(job)
                .storeDurably()
                .requestRecovery()
                .build();
        try {
          quartz.addJob(detail, false);
        } catch (org.quartz.ObjectAlreadyExistsException raced) {
          // another instance added it first
        }
      }
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(TriggerKey.triggerKey(runId.toString(), TRIGGER_GROUP))
              .forJob(job)
              .usingJobData(TENANT, tenant.toString())
              .usingJobData(RUN, runId.toString())
              .startAt(Date.from(at))
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build();
      quartz.scheduleJob(trigger);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule backup run " + runId, e);
    }
  }
}
