package io.orgvault.web.retention.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.sandbox.launch.SandboxLauncher.JobOutcome;
import io.orgvault.sandbox.protocol.ProtocolException;
import io.orgvault.sandbox.protocol.PruneSettings;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.backup.schedule.BackupScheduler;
import io.orgvault.web.platform.DailyTime;
import io.orgvault.web.retention.RetentionPolicy;
import io.orgvault.web.retention.RetentionRun;
import io.orgvault.web.retention.repository.RetentionRepository;
import io.orgvault.web.sandbox.SandboxCapacityException;
import io.orgvault.web.sandbox.SandboxJobs;
import io.orgvault.web.sandbox.SandboxSlot;
import io.orgvault.web.sandbox.SandboxSlots;
import io.orgvault.web.sandbox.StoreQuerySandboxes;
import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.TenantStatus;
import io.orgvault.web.tenant.repository.TenantRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A tenant's retention: the policy (absent: every backup is kept), its daily application on the
 * tenant's Quartz job, and runs that apply it in the tenant's sandbox.
 */
@ApplicationScoped
public class RetentionService {
  public static final int MAX_LIST = 100;
  private static final Logger LOG = Logger.getLogger(RetentionService.class);

  @Inject RetentionRepository retention;
  @Inject TenantRepository tenants;
  @Inject BackupScheduler scheduler;
  @Inject SandboxJobs sandboxes;
  @Inject SandboxSlots slots;
  @Inject StoreQuerySandboxes queries;
  @Inject Clock clock;

  public Optional<RetentionPolicy> policy(TenantId tenant) {
    return QuarkusTransaction.requiringNew().call(() -> retention.policy(tenant));
  }

  /** Sets the policy and its daily time; returns the next application. */
  public Optional<Instant> setPolicy(
      TenantId tenant,
      int keepDaily,
      int keepMonthly,
      int keepLast,
      boolean compact,
      String runAt,
      String timeZone) {
    try {
      new PruneSettings(keepDaily, keepMonthly, keepLast, compact, false);
    } catch (ProtocolException e) {
      throw ApiProblem.badRequest("invalid_policy", e.getMessage().replace("job.prune.", ""));
    }
    DailyTime daily = DailyTime.parse(runAt, timeZone, "runAt");
    ZoneId zone = daily.zone();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Optional<RetentionPolicy> existing = retention.policy(tenant);
              RetentionPolicy p = existing.orElseGet(RetentionPolicy::new);
              p.tenantId = tenant.value();
              p.keepDaily = keepDaily;
              p.keepMonthly = keepMonthly;
              p.keepLast = keepLast;
              p.compact = compact;
              p.runAt = runAt;
              p.timeZone = zone.getId();
              p.updatedAt = clock.instant();
              if (existing.isEmpty()) {
                retention.addPolicy(tenant, p);
              }
            });
    return scheduler.scheduleRetention(tenant, daily.at(), zone);
  }

  /** Queues an application of the policy now; 409 without a policy. */
  public RetentionRun requestRun(TenantId tenant) {
    RetentionRun run =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  if (retention.policy(tenant).isEmpty()) {
                    throw ApiProblem.conflict(
                        "no_retention_policy",
                        "set a retention policy first: without one every backup is kept");
                  }
                  return queue(tenant, "ON_DEMAND");
                });
    scheduler.scheduleRetentionRun(tenant, run.id);
    return run;
  }

  public List<RetentionRun> runs(TenantId tenant, int limit) {
    return QuarkusTransaction.requiringNew()
        .call(() -> retention.runs(tenant, Math.max(1, Math.min(limit, MAX_LIST))));
  }

  public Optional<RetentionRun> run(TenantId tenant, UUID id) {
    return QuarkusTransaction.requiringNew().call(() -> retention.run(tenant, id));
  }

  /** The daily trigger fired. */
  public void executeScheduled(TenantId tenant) {
    UUID id =
        QuarkusTransaction.requiringNew()
            .call(() -> retention.policy(tenant).isEmpty() ? null : queue(tenant, "SCHEDULED").id);
    if (id != null) {
      execute(tenant, id);
    }
  }

  /** Applies the policy as it is now (called by Quartz on the tenant's job). */
  public void execute(TenantId tenant, UUID runId) {
    PruneSettings policy =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  RetentionRun run = retention.run(tenant, runId).orElse(null);
                  Optional<RetentionPolicy> p = retention.policy(tenant);
                  if (run == null || !run.state.equals("QUEUED")) {
                    return null;
                  }
                  boolean active =
                      tenants.own(tenant).map(t -> t.status == TenantStatus.ACTIVE).orElse(false);
                  if (p.isEmpty() || !active) {
                    finish(
                        run,
                        "FAILED",
                        p.isEmpty() ? "no_retention_policy" : "tenant_not_active",
                        null);
                    return null;
                  }
                  run.state = "RUNNING";
                  run.startedAt = clock.instant();
                  RetentionPolicy x = p.get();
                  return new PruneSettings(
                      x.keepDaily, x.keepMonthly, x.keepLast, x.compact, false);
                });
    if (policy == null) {
      return;
    }
    // one store per org: the policy applies to each; a failure in one does not spare the others
    int[] totals = new int[3]; // kept, dropped, compactions
    List<String> errors = new ArrayList<>();
    try (SandboxSlot slot = slots.acquire(tenant)) {
      for (String org : sandboxes.storedOrgs(tenant)) {
        pruneOrg(tenant, runId, org, policy, totals, errors);
      }
    } catch (SandboxCapacityException e) {
      errors.add(e.getMessage());
    }
    int k = totals[0];
    int d = totals[1];
    int c = totals[2];
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              RetentionRun run = retention.run(tenant, runId).orElseThrow();
              run.kept = k;
              run.dropped = d;
              run.compactions = c;
              if (errors.isEmpty()) {
                finish(run, "SUCCEEDED", null, null);
              } else {
                finish(run, "FAILED", "prune_failed", String.join("; ", errors));
              }
            });
  }

  private void pruneOrg(
      TenantId tenant,
      UUID runId,
      String org,
      PruneSettings policy,
      int[] totals,
      List<String> errors) {
    try {
      JobOutcome out = sandboxes.prune(tenant, org, policy);
      // a query sandbox opened before the prune would read segments the prune removed
      queries.stop(tenant, org);
      JsonNode last = out.lastMessage();
      if (out.sandbox().exitCode() == 0
          && last != null
          && "job-result".equals(last.path("type").asText())) {
        JsonNode r = last.path("result");
        totals[0] += r.path("kept").size();
        totals[1] += r.path("dropped").size();
        totals[2] += r.path("compactions").size();
      } else {
        errors.add(
            org
                + ": "
                + (last != null && "job-failed".equals(last.path("type").asText())
                    ? last.path("message").asText("the prune job failed")
                    : "the prune sandbox ended without a result ("
                        + out.sandbox().outcome()
                        + ")"));
      }
    } catch (RuntimeException e) {
      LOG.errorf(e, "retention run %s of tenant %s failed for org %s", runId, tenant, org);
      errors.add(org + ": " + e.getClass().getSimpleName());
    }
  }

  private RetentionRun queue(TenantId tenant, String kind) {
    RetentionRun r = new RetentionRun();
    r.id = UUID.randomUUID();
    r.tenantId = tenant.value();
    r.triggerKind = kind;
    r.state = "QUEUED";
    r.queuedAt = clock.instant();
    retention.addRun(tenant, r);
    return r;
  }

  private void finish(RetentionRun run, String state, String code, String message) {
    run.state = state;
    run.errorCode = code;
    run.errorMessage =
        message == null
            ? null
            : message.length() > 1000 ? message.substring(0, 999) + "…" : message;
    run.finishedAt = clock.instant();
  }
}
