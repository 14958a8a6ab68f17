package io.orgvault.web.snapshot.service;

import io.orgvault.engine.snapshot.SnapshotPruneResult;
import io.orgvault.engine.snapshot.SnapshotResult;
import io.orgvault.engine.snapshot.VolumeSnapshots;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.backup.schedule.BackupScheduler;
import io.orgvault.web.sandbox.SandboxJobs;
import io.orgvault.web.snapshot.SnapshotRun;
import io.orgvault.web.snapshot.SnapshotSettings;
import io.orgvault.web.snapshot.repository.SnapshotRunRepository;
import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.TenantStatus;
import io.orgvault.web.tenant.repository.TenantRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Snapshots of tenants' stores to S3. Each run goes on the tenant's Quartz job, so it never reads a
 * store a backup, retention or restore is changing; it uploads ciphertext files and never opens a
 * store (no data key), so it runs in the service, not in a sandbox.
 */
@ApplicationScoped
public class SnapshotService {
  private static final Logger LOG = Logger.getLogger(SnapshotService.class);
  static final int MAX_LIST = 100;

  @Inject SnapshotSettings settings;
  @Inject SnapshotStorage storage;
  @Inject SnapshotRunRepository runs;
  @Inject TenantRepository tenants;
  @Inject SandboxJobs sandboxes;
  @Inject BackupScheduler scheduler;
  @Inject Clock clock;

  /** An operator's snapshot of one tenant now. */
  public SnapshotRun request(TenantId tenant) {
    if (!settings.enabled()) {
      throw ApiProblem.conflict("snapshots_disabled", "no snapshot bucket is configured");
    }
    SnapshotRun r = QuarkusTransaction.requiringNew().call(() -> queue(tenant, "ON_DEMAND"));
    scheduler.scheduleSnapshot(tenant, r.id);
    return r;
  }

  public List<SnapshotRun> list(TenantId tenant, int limit) {
    return QuarkusTransaction.requiringNew()
        .call(() -> runs.list(tenant, Math.max(1, Math.min(limit, MAX_LIST))));
  }

  public Optional<SnapshotRun> find(TenantId tenant, UUID id) {
    return QuarkusTransaction.requiringNew().call(() -> runs.find(tenant, id));
  }

  /**
   * The platform's twice-daily trigger fired (on one instance of the cluster): queues a run on the
   * job of every active tenant that has stores. Returns how many it queued.
   */
  public int queueScheduled() {
    int queued = 0;
    for (TenantId tenant : sandboxes.tenantsWithVolumes()) {
      boolean active =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      tenants.own(tenant).map(t -> t.status == TenantStatus.ACTIVE).orElse(false));
      if (active) {
        SnapshotRun r = QuarkusTransaction.requiringNew().call(() -> queue(tenant, "SCHEDULED"));
        scheduler.scheduleSnapshot(tenant, r.id);
        queued++;
      }
    }
    return queued;
  }

  /** Runs a queued snapshot run (called by Quartz on the tenant's job). */
  public void execute(TenantId tenant, UUID runId) {
    boolean start =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SnapshotRun r = runs.find(tenant, runId).orElse(null);
                  if (r == null || !r.state.equals("QUEUED")) {
                    return false;
                  }
                  r.state = "RUNNING";
                  r.startedAt = clock.instant();
                  return true;
                });
    if (!start) {
      return;
    }
    int stores = 0;
    int filesUp = 0;
    long bytesUp = 0;
    int filesStored = 0;
    long bytesStored = 0;
    int pruned = 0;
    List<String> ids = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String org : sandboxes.storedOrgs(tenant)) {
      try {
        VolumeSnapshots snapshots =
            new VolumeSnapshots(storage.client(), storage.target(tenant, org), clock);
        SnapshotResult r =
            snapshots.snapshot(sandboxes.storeOf(tenant, org), tenant.toString(), org);
        SnapshotPruneResult p = snapshots.prune(settings.keep());
        stores++;
        filesUp += r.filesUploaded();
        bytesUp += r.bytesUploaded();
        filesStored += r.filesAlreadyStored();
        bytesStored += r.bytesAlreadyStored();
        pruned += p.dropped().size();
        ids.add(org + ":" + r.manifest().id());
      } catch (RuntimeException e) {
        // the message names the file or object (never content); the stack goes to the log
        LOG.errorf(e, "snapshot run %s of tenant %s failed for org %s", runId, tenant, org);
        errors.add(org + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    int s = stores;
    int fu = filesUp;
    long bu = bytesUp;
    int fs = filesStored;
    long bs = bytesStored;
    int pr = pruned;
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              SnapshotRun r = runs.find(tenant, runId).orElseThrow();
              r.stores = s;
              r.filesUploaded = fu;
              r.bytesUploaded = bu;
              r.filesStored = fs;
              r.bytesStored = bs;
              r.snapshotsPruned = pr;
              r.snapshotIds = truncate(String.join(",", ids), 4000);
              r.state = errors.isEmpty() ? "SUCCEEDED" : "FAILED";
              if (!errors.isEmpty()) {
                r.errorCode = "snapshot_failed";
                r.errorMessage = truncate(String.join("; ", errors), 1000);
              }
              r.finishedAt = clock.instant();
            });
  }

  private SnapshotRun queue(TenantId tenant, String kind) {
    SnapshotRun r = new SnapshotRun();
    r.id = UUID.randomUUID();
    r.tenantId = tenant.value();
    r.triggerKind = kind;
    r.state = "QUEUED";
    r.queuedAt = clock.instant();
    runs.add(tenant, r);
    return r;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
