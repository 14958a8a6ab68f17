package io.orgvault.web.snapshot.schedule;

import io.orgvault.web.snapshot.service.SnapshotService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The platform's twice-daily snapshot trigger: one instance of the cluster queues a snapshot run on
 * every active tenant's job, where it waits for that tenant's running backup to end.
 */
@ApplicationScoped
@DisallowConcurrentExecution
public class PlatformSnapshotJob implements Job {
  private static final Logger LOG = Logger.getLogger(PlatformSnapshotJob.class);

  @Inject SnapshotService snapshots;

  @Override
  public void execute(JobExecutionContext context) {
    int queued = snapshots.queueScheduled();
    LOG.infof("queued the snapshots of %d tenants", queued);
  }
}
