package io.orgvault.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/** Ready only if Quartz runs (not in standby) and reaches its job store. */
@Readiness
@ApplicationScoped
public class SchedulerHealth implements HealthCheck {
  @Inject Scheduler quartz;

  @Override
  public HealthCheckResponse call() {
    var r = HealthCheckResponse.named("scheduler");
    try {
      var meta = quartz.getMetaData();
      r.withData("instance", meta.getSchedulerInstanceId())
          .withData("clustered", meta.isJobStoreClustered())
          .withData("jobsExecuted", meta.getNumberOfJobsExecuted());
      quartz.getJobGroupNames(); // reaches the job store
      return (quartz.isStarted() && !quartz.isInStandbyMode() && !quartz.isShutdown()
              ? r.up()
              : r.down())
          .build();
    } catch (SchedulerException e) {
      return r.withData("error", e.getClass().getSimpleName()).down().build();
    }
  }
}
