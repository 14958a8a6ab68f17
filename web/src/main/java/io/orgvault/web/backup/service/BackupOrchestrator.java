package io.orgvault.web.backup.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.sandbox.launch.IsolationUnavailableException;
import io.orgvault.sandbox.launch.SandboxLauncher.JobOutcome;
import io.orgvault.sandbox.launch.SandboxResult;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.backup.BackupRun;
import io.orgvault.web.backup.RunState;
import io.orgvault.web.backup.TriggerKind;
import io.orgvault.web.backup.repository.BackupRunRepository;
import io.orgvault.web.backup.schedule.BackupScheduler;
import io.orgvault.web.salesforce.OrgStatus;
import io.orgvault.web.salesforce.SalesforceOrg;
import io.orgvault.web.salesforce.oauth.OAuthEndpoints;
import io.orgvault.web.salesforce.oauth.OAuthRefusedException;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.salesforce.service.OrgSessions;
import io.orgvault.web.sandbox.SandboxCapacityException;
import io.orgvault.web.sandbox.SandboxJobs;
import io.orgvault.web.sandbox.SandboxSlot;
import io.orgvault.web.sandbox.SandboxSlots;
import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.TenantStatus;
import io.orgvault.web.tenant.repository.TenantRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Turns a trigger into a sandboxed backup: a {@link BackupRun} row, a fresh Salesforce session
 * ({@link OrgSessions}: refresh token or JWT bearer), the job in the tenant's sandbox, its progress
 * into the row and to listeners ({@link RunProgress} events), and its end into a state. A failure
 * is never dropped: it is recorded with its reason and, when another attempt can help, retried
 * later.
 */
@ApplicationScoped
public class BackupOrchestrator {
  private static final Logger LOG = Logger.getLogger(BackupOrchestrator.class);

  /** Row updates during a run: often enough for a progress bar, rare enough for the database. */
  static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(2);

  @Inject BackupRunRepository runs;
  @Inject SalesforceOrgRepository orgs;
  @Inject OrgSessions sessions;
  @Inject SandboxJobs sandboxes;
  @Inject SandboxSlots slots;
  @Inject BackupScheduler scheduler;
  @Inject Scheduler quartz;
  @Inject Event<RunProgress> progressEvents;
  @Inject Clock clock;
  @Inject BackupMetrics metrics;
  @Inject TenantRepository tenants;

  @ConfigProperty(name = "orgvault.backup.max-attempts", defaultValue = "3")
  int maxAttempts;

  @ConfigProperty(name = "orgvault.backup.retry-backoff", defaultValue = "PT5M")
  Duration retryBackoff;

  /** Queues a backup of an org now; 409 if one is already queued or running. */
  public BackupRun requestBackup(TenantId tenant, UUID orgId, TriggerKind kind) {
    BackupRun run =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SalesforceOrg org =
                      orgs.find(tenant, orgId)
                          .orElseThrow(() -> new ApiProblem(404, "not_found", "no such org"));
                  if (org.status != OrgStatus.CONNECTED) {
                    throw ApiProblem.conflict(
                        "org_not_connected",
                        "org " + orgId + " is " + org.status + ": reconnect it before backing up");
                  }
                  runs.findActive(tenant, orgId)
                      .ifPresent(
                          active -> {
                            throw ApiProblem.conflict(
                                "backup_in_progress",
                                "run " + active.id + " of this org is " + active.state);
                          });
                  return queue(tenant, orgId, kind, 1, null);
                });
    scheduler.schedule(tenant, run.id, clock.instant());
    return run;
  }

  /**
   * The daily trigger of an org fired: queue a run and execute it here. An org that cannot be
   * backed up leaves a failed run saying why, so a skipped day is visible; a disconnected org's
   * schedule is removed.
   */
  public void executeScheduled(TenantId tenant, UUID orgId) {
    UUID runId =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SalesforceOrg org = orgs.find(tenant, orgId).orElse(null);
                  if (org == null || org.status == OrgStatus.DISCONNECTED) {
                    return null;
                  }
                  if (runs.findActive(tenant, orgId).isPresent()) {
                    BackupRun skipped = queue(tenant, orgId, TriggerKind.SCHEDULED, 1, null);
                    skipped.state = RunState.FAILED;
                    skipped.errorCode = "previous_run_active";
                    skipped.errorMessage =
                        "the previous backup of this org was still queued or running";
                    skipped.finishedAt = clock.instant();
                    return null;
                  }
                  return queue(tenant, orgId, TriggerKind.SCHEDULED, 1, null).id;
                });
    if (runId == null) {
      boolean gone =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      orgs.find(tenant, orgId)
                          .map(o -> o.status == OrgStatus.DISCONNECTED)
                          .orElse(true));
      if (gone) {
        scheduler.unscheduleDaily(orgId);
      }
      return;
    }
    execute(tenant, runId, false);
  }

  private BackupRun queue(
      TenantId tenant, UUID orgId, TriggerKind kind, int attempt, UUID retryOf) {
    BackupRun r = new BackupRun();
    r.id = UUID.randomUUID();
    r.tenantId = tenant.value();
    r.orgId = orgId;
    r.triggerKind = kind;
    r.attempt = attempt;
    r.retryOf = retryOf;
    r.state = RunState.QUEUED;
    r.queuedAt = clock.instant();
    runs.add(tenant, r);
    return r;
  }

  /** Runs a queued run (called by Quartz on one instance of the cluster). */
  public void execute(TenantId tenant, UUID runId, boolean recovering) {
    Progress progress = new Progress(tenant, runId);
    Finish finish;
    // the slot first: the run stays QUEUED while the cluster's sandboxes are all busy
    try (SandboxSlot slot = slots.acquire(tenant)) {
      Start start = QuarkusTransaction.requiringNew().call(() -> begin(tenant, runId, recovering));
      if (start == null) {
        return;
      }
      finish = runInSlot(tenant, runId, start, progress);
    } catch (SandboxCapacityException e) {
      finish = Finish.failed("sandbox_capacity", e.getMessage(), true);
    }
    Finish f = finish;
    BackupRun done =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  BackupRun r = runs.find(tenant, runId).orElse(null);
                  // a run that another trigger finished meanwhile keeps its end
                  return r == null || r.state.finished() ? null : end(tenant, runId, f, progress);
                });
    if (done == null) {
      return;
    }
    progressEvents.fire(RunProgress.of(done));
    metrics.runEnded(done);
    if (done.state == RunState.FAILED && f.retryable() && done.attempt < maxAttempts) {
      BackupRun retry =
          QuarkusTransaction.requiringNew()
              .call(() -> queue(tenant, done.orgId, TriggerKind.RETRY, done.attempt + 1, done.id));
      Duration wait = retryBackoff.multipliedBy(1L << (done.attempt - 1));
      scheduler.schedule(tenant, retry.id, clock.instant().plus(wait));
      LOG.infof(
          "backup run %s failed (%s); attempt %d in %s", runId, f.code(), retry.attempt, wait);
    }
  }

  private Finish runInSlot(TenantId tenant, UUID runId, Start start, Progress progress) {
    try {
      return run(tenant, start, progress);
    } catch (IsolationUnavailableException e) {
      // The host cannot build sandboxes: an operator's problem, which retrying does not fix.
      LOG.errorf(
          "backup run %s of tenant %s: no sandbox on this host: %s", runId, tenant, e.getMessage());
      return Finish.failed("sandbox_unavailable", e.getMessage(), false);
    } catch (RuntimeException e) {
      LOG.errorf(e, "backup run %s of tenant %s failed unexpectedly", runId, tenant);
      return Finish.failed("internal_error", e.getClass().getSimpleName(), true);
    }
  }

  private Start begin(TenantId tenant, UUID runId, boolean recovering) {
    BackupRun run = runs.find(tenant, runId).orElse(null);
    if (run == null || run.state.finished()) {
      return null; // deleted tenant or a trigger that fired twice: nothing to do
    }
    if (tenants.own(tenant).map(t -> t.status != TenantStatus.ACTIVE).orElse(true)) {
      // A run queued just before the tenant was suspended or deleted: it never starts.
      run.state = RunState.FAILED;
      run.errorCode = "tenant_not_active";
      run.errorMessage = "the tenant is suspended or deleted";
      run.finishedAt = clock.instant();
      return null;
    }
    if (run.state == RunState.RUNNING && !recovering) {
      return null;
    }
    SalesforceOrg org = orgs.find(tenant, run.orgId).orElse(null);
    run.state = RunState.RUNNING;
    run.node = nodeName();
    if (run.startedAt == null) {
      run.startedAt = clock.instant();
    }
    if (org == null) {
      return new Start(run.orgId, null, null);
    }
    return new Start(org.id, org.sfOrgId, sessions.credential(tenant, org).orElse(null));
  }

  private Finish run(TenantId tenant, Start start, Progress progress) {
    if (start.credential() == null) {
      return Finish.failed("org_not_connected", "the org is not connected: reconnect it", false);
    }
    OAuthEndpoints.AccessGrant session;
    try {
      session = sessions.session(tenant, start.credential());
    } catch (OAuthRefusedException e) {
      if (OrgSessions.credentialRefused(e)) {
        sessions.markReconnectRequired(tenant, start.orgId(), e);
        return Finish.failed(
            "salesforce_token_invalid",
            "Salesforce refused the org's credential (" + e.errorCode() + "): reconnect the org",
            false);
      }
      return Finish.failed("salesforce_unreachable", e.getMessage(), true);
    }
    metrics.sandboxStarted();
    try {
      JobOutcome out =
          sandboxes.backup(
              tenant,
              start.sfOrgId(),
              URI.create(session.instanceUrl()),
              session.accessToken(),
              progress::accept);
      return Finish.of(out);
    } finally {
      metrics.sandboxEnded();
    }
  }

  private BackupRun end(TenantId tenant, UUID runId, Finish f, Progress progress) {
    BackupRun run = runs.find(tenant, runId).orElseThrow();
    progress.applyTo(run);
    run.state = f.state();
    run.errorCode = f.code();
    run.errorMessage = f.message() == null ? null : truncate(f.message(), 1000);
    if (f.backupNumber() != null) {
      run.backupNumber = f.backupNumber();
    }
    if (f.rows() >= 0) {
      run.rowsWritten = f.rows();
      run.tombstones = f.tombstones();
      run.apiCalls = f.apiCalls();
    }
    run.finishedAt = clock.instant();
    return run;
  }

  private String nodeName() {
    try {
      return quartz.getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return "unknown";
    }
  }

  static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** What begin() hands to the run: the org and how to take a session for it (null: cannot). */
  private record Start(UUID orgId, String sfOrgId, OrgSessions.Credential credential) {
    @Override
    public String toString() {
      return "Start[" + orgId + "]";
    }
  }

  /** How a run ended. */
  record Finish(
      RunState state,
      String code,
      String message,
      boolean retryable,
      Long backupNumber,
      long rows,
      long tombstones,
      long apiCalls) {
    static Finish failed(String code, String message, boolean retryable) {
      return new Finish(RunState.FAILED, code, message, retryable, null, -1, 0, 0);
    }

    static Finish of(JobOutcome out) {
      JsonNode last = out.lastMessage();
      SandboxResult s = out.sandbox();
      if (s.outcome() != SandboxResult.Outcome.EXITED) {
        return failed(
            "sandbox_" + s.outcome().name().toLowerCase(java.util.Locale.ROOT),
            "the backup sandbox ended: " + s.outcome(),
            true);
      }
      if (last != null && "job-result".equals(last.path("type").asText())) {
        JsonNode r = last.path("result");
        Long backup = r.hasNonNull("backup") ? r.get("backup").asLong() : null;
        long rows = r.path("rowsWritten").asLong();
        long tomb = r.path("tombstones").asLong();
        long calls = r.path("apiCallsUsed").asLong();
        if (r.path("committed").asBoolean()) {
          return new Finish(RunState.SUCCEEDED, null, null, false, backup, rows, tomb, calls);
        }
        String reason = r.path("stopReason").asText("stopped");
        return new Finish(RunState.STOPPED, "stopped", reason, false, backup, rows, tomb, calls);
      }
      if (last != null && "job-failed".equals(last.path("type").asText())) {
        return failed(
            "job_" + last.path("error").asText("failed"),
            last.path("message").asText("the backup job failed"),
            true);
      }
      return failed("sandbox_exit_" + s.exitCode(), "the backup job exited without a result", true);
    }
  }

  /** Progress of a running job: kept in memory, written to the row every few seconds. */
  final class Progress {
    private final TenantId tenant;
    private final UUID runId;
    private int objectsDone;
    private Instant lastWrite = Instant.EPOCH;

    Progress(TenantId tenant, UUID runId) {
      this.tenant = tenant;
      this.runId = runId;
    }

    void accept(JsonNode message) {
      if ("object-failed".equals(message.path("type").asText())) {
        metrics.objectFailed(tenant.toString(), message.path("object").asText("unknown"));
      }
      if ("object-done".equals(message.path("type").asText())) {
        objectsDone++;
        Instant now = clock.instant();
        if (Duration.between(lastWrite, now).compareTo(PROGRESS_WRITE_INTERVAL) >= 0) {
          lastWrite = now;
          BackupRun r =
              QuarkusTransaction.requiringNew()
                  .call(
                      () -> {
                        BackupRun run = runs.find(tenant, runId).orElseThrow();
                        applyTo(run);
                        return run;
                      });
          progressEvents.fire(RunProgress.of(r));
        }
      }
    }

    void applyTo(BackupRun run) {
      run.objectsDone = Math.max(run.objectsDone, objectsDone);
    }
  }
}
