package io.orgvault.web.restore.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.sandbox.launch.IsolationUnavailableException;
import io.orgvault.sandbox.launch.SandboxLauncher.JobOutcome;
import io.orgvault.sandbox.launch.SandboxResult;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.RestoreSettings;
import io.orgvault.web.restore.RestoreJob;
import io.orgvault.web.restore.RestoreState;
import io.orgvault.web.restore.repository.RestoreJobRepository;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Runs a restore's next job in the tenant's sandbox (called by Quartz on the tenant's job, so never
 * beside a backup of the tenant): its plan while it is {@code PLANNING}, a run while it is {@code
 * RUNNING}. The target org's session comes from its credential (`OrgSessions`), like a backup's;
 * only the access token enters the sandbox.
 */
@ApplicationScoped
public class RestoreOrchestrator {
  private static final Logger LOG = Logger.getLogger(RestoreOrchestrator.class);
  static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject RestoreJobRepository restores;
  @Inject SalesforceOrgRepository orgs;
  @Inject TenantRepository tenants;
  @Inject OrgSessions sessions;
  @Inject SandboxJobs sandboxes;
  @Inject Scheduler quartz;
  @Inject Event<RestoreProgress> progressEvents;
  @Inject Clock clock;
  @Inject SandboxSlots slots;

  public void execute(TenantId tenant, UUID id, boolean recovering) {
    // the slot first: the restore waits in its state while the cluster's sandboxes are all busy
    try (SandboxSlot slot = slots.acquire(tenant)) {
      executeInSlot(tenant, id, recovering);
    } catch (SandboxCapacityException e) {
      RestoreJob failed =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    RestoreJob r = restores.find(tenant, id).orElse(null);
                    if (r == null || !r.state.active()) {
                      return null;
                    }
                    JobKind kind =
                        r.state == RestoreState.PLANNING
                            ? JobKind.RESTORE_PLAN
                            : JobKind.RESTORE_RUN;
                    fail(r, kind, "sandbox_capacity", e.getMessage());
                    return r;
                  });
      if (failed != null) {
        progressEvents.fire(RestoreProgress.of(failed));
      }
    }
  }

  private void executeInSlot(TenantId tenant, UUID id, boolean recovering) {
    Start start = QuarkusTransaction.requiringNew().call(() -> begin(tenant, id, recovering));
    if (start == null) {
      return;
    }
    Progress progress = new Progress(tenant, id);
    Finish finish;
    try {
      finish = run(tenant, start, progress);
    } catch (IsolationUnavailableException e) {
      LOG.errorf(
          "restore %s of tenant %s: no sandbox on this host: %s", id, tenant, e.getMessage());
      finish = Finish.failed("sandbox_unavailable", e.getMessage());
    } catch (RuntimeException e) {
      LOG.errorf(e, "restore %s of tenant %s failed unexpectedly", id, tenant);
      finish = Finish.failed("internal_error", e.getClass().getSimpleName());
    }
    Finish f = finish;
    RestoreJob done =
        QuarkusTransaction.requiringNew().call(() -> end(tenant, id, start.kind(), f, progress));
    progressEvents.fire(RestoreProgress.of(done));
  }

  private Start begin(TenantId tenant, UUID id, boolean recovering) {
    RestoreJob r = restores.find(tenant, id).orElse(null);
    if (r == null || !r.state.active()) {
      return null; // a trigger that fired twice, or a deleted tenant
    }
    JobKind kind = r.state == RestoreState.PLANNING ? JobKind.RESTORE_PLAN : JobKind.RESTORE_RUN;
    if (tenants.own(tenant).map(t -> t.status != TenantStatus.ACTIVE).orElse(true)) {
      // queued just before the tenant was suspended or deleted: it never starts
      fail(r, kind, "tenant_not_active", "the tenant is suspended or deleted");
      return null;
    }
    if (r.stepStartedAt != null && !recovering) {
      return null; // already started by an earlier fire
    }
    r.stepStartedAt = clock.instant();
    r.node = nodeName();
    SalesforceOrg source = orgs.find(tenant, r.sourceOrgId).orElseThrow();
    SalesforceOrg target = orgs.find(tenant, r.targetOrgId).orElseThrow();
    RestoreSettings settings =
        kind == JobKind.RESTORE_PLAN ? planSettings(r) : RestoreSettings.run(r.restoreId);
    return new Start(
        kind,
        source.sfOrgId,
        target.id,
        target.sfOrgId,
        sessions.credential(tenant, target).orElse(null),
        settings);
  }

  private static RestoreSettings planSettings(RestoreJob r) {
    try {
      ObjectNode n = JSON.createObjectNode();
      n.set("selection", JSON.readTree(r.selection));
      n.set("options", JSON.readTree(r.options));
      return RestoreSettings.fromJson(n);
    } catch (IOException e) {
      throw new UncheckedIOException("the stored selection of restore " + r.id + " is not JSON", e);
    }
  }

  private Finish run(TenantId tenant, Start start, Progress progress) {
    if (start.credential() == null) {
      return Finish.failed(
          "org_not_connected", "the target org is not connected: reconnect it and try again");
    }
    OAuthEndpoints.AccessGrant session;
    try {
      session = sessions.session(tenant, start.credential());
    } catch (OAuthRefusedException e) {
      if (OrgSessions.credentialRefused(e)) {
        sessions.markReconnectRequired(tenant, start.targetOrgId(), e);
        return Finish.failed(
            "salesforce_token_invalid",
            "Salesforce refused the target org's credential ("
                + e.errorCode()
                + "): reconnect the org");
      }
      return Finish.failed("salesforce_unreachable", e.getMessage());
    }
    JobOutcome out =
        sandboxes.restore(
            tenant,
            start.sourceSfOrgId(),
            start.targetSfOrgId(),
            URI.create(session.instanceUrl()),
            session.accessToken(),
            start.kind(),
            start.settings(),
            progress::accept);
    return Finish.of(out);
  }

  private RestoreJob end(TenantId tenant, UUID id, JobKind kind, Finish f, Progress progress) {
    RestoreJob r = restores.find(tenant, id).orElseThrow();
    progress.applyTo(r);
    JsonNode result = f.result();
    if (result == null) {
      fail(r, kind, f.code(), f.message());
      return r;
    }
    r.errorCode = null;
    r.errorMessage = null;
    if (kind == JobKind.RESTORE_PLAN) {
      r.restoreId = result.path("restoreId").asText();
      r.backupNumber = result.path("backup").asLong();
      r.selectionText = truncate(result.path("selection").asText(""), 1000);
      r.records = result.path("records").asLong();
      r.estimatedApiCalls = result.path("estimatedApiCalls").asLong();
      r.totals = result.path("totals").toString();
      r.state = RestoreState.PLANNED;
      r.plannedAt = clock.instant();
      return r;
    }
    r.outcomes = result.path("outcomes").toString();
    r.apiCalls += result.path("apiCalls").asLong();
    String file = result.path("file").asText(null);
    if (RestoreResults.isOwnResultsFile(r.restoreId, file)) {
      r.resultsFile = file;
    } else {
      // the sandbox names the file; a name that is not the restore's own is never served
      LOG.errorf(
          "restore %s of tenant %s: the run reported a results file not its own", id, tenant);
    }
    r.resultsRows = result.path("results").asLong();
    boolean complete = "COMPLETE".equals(result.path("status").asText());
    r.state = complete ? RestoreState.COMPLETED : RestoreState.STOPPED;
    r.stopReason = complete ? null : truncate(result.path("stopReason").asText("stopped"), 1000);
    r.finishedAt = clock.instant();
    return r;
  }

  private void fail(RestoreJob r, JobKind kind, String code, String message) {
    r.state = kind == JobKind.RESTORE_PLAN ? RestoreState.PLAN_FAILED : RestoreState.FAILED;
    r.errorCode = code;
    r.errorMessage = message == null ? null : truncate(message, 1000);
    r.finishedAt = clock.instant();
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

  /** What begin() hands to the job: the orgs, the target's credential, the job's settings. */
  private record Start(
      JobKind kind,
      String sourceSfOrgId,
      UUID targetOrgId,
      String targetSfOrgId,
      OrgSessions.Credential credential,
      RestoreSettings settings) {
    @Override
    public String toString() {
      return "Start[" + kind + " into " + targetSfOrgId + "]";
    }
  }

  /** How a job ended: its result, or why there is none. */
  record Finish(JsonNode result, String code, String message) {
    static Finish failed(String code, String message) {
      return new Finish(null, code, message);
    }

    static Finish of(JobOutcome out) {
      JsonNode last = out.lastMessage();
      SandboxResult s = out.sandbox();
      if (s.outcome() != SandboxResult.Outcome.EXITED) {
        return failed(
            "sandbox_" + s.outcome().name().toLowerCase(Locale.ROOT),
            "the restore sandbox ended: " + s.outcome());
      }
      if (last != null && "job-result".equals(last.path("type").asText())) {
        return new Finish(last.path("result"), null, null);
      }
      if (last != null && "job-failed".equals(last.path("type").asText())) {
        return failed(
            "job_" + last.path("error").asText("failed"),
            last.path("message").asText("the restore job failed"));
      }
      return failed("sandbox_exit_" + s.exitCode(), "the restore job exited without a result");
    }
  }

  /** The steps of a running job: kept in memory, written to the row every few seconds. */
  final class Progress {
    private final TenantId tenant;
    private final UUID id;
    private int steps;
    private long succeeded;
    private long failed;
    private String phase;
    private String object;
    private Instant lastWrite = Instant.EPOCH;

    Progress(TenantId tenant, UUID id) {
      this.tenant = tenant;
      this.id = id;
    }

    void accept(JsonNode message) {
      if (!"restore-step".equals(message.path("type").asText())) {
        return;
      }
      steps++;
      succeeded += message.path("succeeded").asLong();
      failed += message.path("failed").asLong();
      phase = truncate(message.path("phase").asText(""), 16);
      object = truncate(message.path("object").asText(""), 80);
      Instant now = clock.instant();
      if (Duration.between(lastWrite, now).compareTo(PROGRESS_WRITE_INTERVAL) >= 0) {
        lastWrite = now;
        RestoreJob r =
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      RestoreJob row = restores.find(tenant, id).orElseThrow();
                      applyTo(row);
                      return row;
                    });
        progressEvents.fire(RestoreProgress.of(r));
      }
    }

    /** Adds what was reported since the last write (steps count across runs). */
    void applyTo(RestoreJob r) {
      r.stepsDone += steps;
      r.stepSucceeded += succeeded;
      r.stepFailed += failed;
      if (phase != null) {
        r.phase = phase;
        r.currentObject = object;
      }
      steps = 0;
      succeeded = 0;
      failed = 0;
    }
  }
}
