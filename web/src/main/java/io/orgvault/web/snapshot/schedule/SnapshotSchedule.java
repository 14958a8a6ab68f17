package io.orgvault.web.snapshot.schedule;

import io.orgvault.web.platform.DailyTime;
import io.orgvault.web.snapshot.SnapshotSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Keeps the platform snapshot job's triggers as configured: one daily cron trigger per configured
 * time (two by default), replaced at every start, or none when snapshots are off.
 */
@ApplicationScoped
public class SnapshotSchedule {
  static final JobKey JOB = JobKey.jobKey("snapshots", "platform");
  static final String TRIGGER_GROUP = "platform-snapshots";

  @Inject Scheduler quartz;
  @Inject SnapshotSettings settings;

  void onStart(@Observes StartupEvent start) throws SchedulerException {
    apply();
  }

  /** Replaces the triggers with those of the settings. */
  public void apply() throws SchedulerException {
    if (!settings.enabled()) {
      quartz.deleteJob(JOB);
      return;
    }
    ZoneId zone = null;
    List<LocalTime> times = new ArrayList<>();
    for (String t : settings.times()) {
      DailyTime d;
      try {
        d = DailyTime.parse(t, settings.timeZone(), "times");
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "orgvault.snapshots.times and time-zone: HH:mm values in an IANA zone, got " + t);
      }
      zone = d.zone();
      times.add(d.at());
    }
    quartz.addJob(
        JobBuilder.newJob(PlatformSnapshotJob.class).withIdentity(JOB).storeDurably().build(),
        true);
    for (TriggerKey old : quartz.getTriggersOfJob(JOB).stream().map(Trigger::getKey).toList()) {
      quartz.unscheduleJob(old);
    }
    for (LocalTime t : times) {
      TriggerKey key = TriggerKey.triggerKey(t.toString(), TRIGGER_GROUP);
      quartz.scheduleJob(
          TriggerBuilder.newTrigger()
              .withIdentity(key)
              .forJob(JOB)
              .withSchedule(
                  CronScheduleBuilder.dailyAtHourAndMinute(t.getHour(), t.getMinute())
                      .inTimeZone(TimeZone.getTimeZone(zone))
                      .withMisfireHandlingInstructionFireAndProceed())
              .build());
    }
  }

  /** When the next snapshots are queued, if they are on. */
  public Optional<Instant> next() throws SchedulerException {
    return quartz.getTriggersOfJob(JOB).stream()
        .map(Trigger::getNextFireTime)
        .filter(java.util.Objects::nonNull)
        .min(Date::compareTo)
        .map(Date::toInstant);
  }
}
