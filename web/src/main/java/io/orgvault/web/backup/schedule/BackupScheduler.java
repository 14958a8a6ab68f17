package io.orgvault.web.backup.schedule;

import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.TenantStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronScheduleBuilder;
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
  public static final String JOB_GROUP = "tenant-backups";
  static final String TRIGGER_GROUP = "backup-runs";
  public static final String TENANT = "tenant";
  static final String RUN = "run";
  public static final String ORG = "org";

  /** Job data of a retention trigger: a queued retention run's id, or "daily". */
  public static final String RETENTION = "retention";

  public static final String DAILY = "daily";

  /** Job data of a restore trigger: the restore's id (its state says plan or run). */
  public static final String RESTORE = "restore";

  static final String RESTORE_GROUP = "restores";
  static final String RETENTION_GROUP = "retention";
  static final String DAILY_GROUP = "daily-backups";

  @Inject Scheduler quartz;

  /** Fires the run at {@code at} (now or later for a retry). */
  public void schedule(TenantId tenant, UUID runId, Instant at) {
    JobKey job = ensureJob(tenant);
    try {
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

  /**
   * Backs the org up every day at {@code start} in {@code zone} (replacing an earlier schedule). A
   * fire missed while no instance ran (an outage) runs once as soon as one does.
   */
  public Optional<Instant> scheduleDaily(
      TenantId tenant, UUID orgId, LocalTime start, ZoneId zone) {
    return scheduleCron(
        tenant,
        TriggerKey.triggerKey(orgId.toString(), DAILY_GROUP),
        ORG,
        orgId.toString(),
        start,
        zone);
  }

  /**
   * Applies the tenant's retention policy daily at {@code at} in {@code zone}; on the tenant's job,
   * so it never runs while one of its backups does.
   */
  public Optional<Instant> scheduleRetention(TenantId tenant, LocalTime at, ZoneId zone) {
    return scheduleCron(
        tenant,
        TriggerKey.triggerKey(tenant.toString(), RETENTION_GROUP),
        RETENTION,
        DAILY,
        at,
        zone);
  }

  /**
   * A daily trigger on the tenant's job carrying {@code dataKey = dataValue}, replacing one with
   * the same key. A fire missed while no instance ran (an outage) runs once as soon as one does.
   */
  private Optional<Instant> scheduleCron(
      TenantId tenant,
      TriggerKey key,
      String dataKey,
      String dataValue,
      LocalTime at,
      ZoneId zone) {
    JobKey job = ensureJob(tenant);
    try {
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(key)
              .forJob(job)
              .usingJobData(TENANT, tenant.toString())
              .usingJobData(dataKey, dataValue)
              .withSchedule(
                  CronScheduleBuilder.dailyAtHourAndMinute(at.getHour(), at.getMinute())
                      .inTimeZone(TimeZone.getTimeZone(zone))
                      .withMisfireHandlingInstructionFireAndProceed())
              .build();
      Date first =
          quartz.checkExists(key)
              ? quartz.rescheduleJob(key, trigger)
              : quartz.scheduleJob(trigger);
      return Optional.ofNullable(first).map(Date::toInstant);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule " + key + " of tenant " + tenant, e);
    }
  }

  /** When the tenant's retention is applied next, if it is scheduled. */
  public Optional<Instant> nextRetention(TenantId tenant) {
    try {
      Trigger t = quartz.getTrigger(TriggerKey.triggerKey(tenant.toString(), RETENTION_GROUP));
      return Optional.ofNullable(t).map(Trigger::getNextFireTime).map(Date::toInstant);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot read the retention schedule of " + tenant, e);
    }
  }

  /** Runs a queued retention run now. */
  public void scheduleRetentionRun(TenantId tenant, UUID runId) {
    JobKey job = ensureJob(tenant);
    try {
      quartz.scheduleJob(
          TriggerBuilder.newTrigger()
              .withIdentity(TriggerKey.triggerKey(runId.toString(), RETENTION_GROUP))
              .forJob(job)
              .usingJobData(TENANT, tenant.toString())
              .usingJobData(RETENTION, runId.toString())
              .startNow()
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build());
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule retention run " + runId, e);
    }
  }

  /**
   * Runs the next job of a restore (its plan, or a run) now, on the tenant's job: never while a
   * backup or retention writes the tenant's stores.
   */
  public void scheduleRestore(TenantId tenant, UUID restoreJobId) {
    JobKey job = ensureJob(tenant);
    try {
      quartz.scheduleJob(
          TriggerBuilder.newTrigger()
              .withIdentity(
                  TriggerKey.triggerKey(restoreJobId + "/" + UUID.randomUUID(), RESTORE_GROUP))
              .forJob(job)
              .usingJobData(TENANT, tenant.toString())
              .usingJobData(RESTORE, restoreJobId.toString())
              .startNow()
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build());
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule restore " + restoreJobId, e);
    }
  }

  public void unscheduleDaily(UUID orgId) {
    try {
      quartz.unscheduleJob(TriggerKey.triggerKey(orgId.toString(), DAILY_GROUP));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot unschedule daily backups of org " + orgId, e);
    }
  }

  /** When the org's daily backup fires next, if it is scheduled. */
  public Optional<Instant> nextDaily(UUID orgId) {
    try {
      Trigger t = quartz.getTrigger(TriggerKey.triggerKey(orgId.toString(), DAILY_GROUP));
      return Optional.ofNullable(t).map(Trigger::getNextFireTime).map(Date::toInstant);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot read the schedule of org " + orgId, e);
    }
  }

  /**
   * Follows the tenant's status: a suspended tenant's backups are paused (its daily triggers do not
   * fire; a missed day fires once on reactivation), a deleted tenant's job and triggers go.
   */
  void onTenantStatus(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) TenantStatusChanged change) {
    JobKey job = JobKey.jobKey(change.tenant().toString(), JOB_GROUP);
    try {
      if (!quartz.checkExists(job)) {
        return;
      }
      switch (change.to()) {
        case SUSPENDED -> quartz.pauseJob(job);
        case ACTIVE -> quartz.resumeJob(job);
        case DELETED -> quartz.deleteJob(job);
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot follow the status of tenant " + change.tenant(), e);
    }
  }

  private JobKey ensureJob(TenantId tenant) {
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
      return job;
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot create the backup job of tenant " + tenant, e);
    }
  }
}
