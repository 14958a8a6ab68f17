package io.orgvault.web.restore.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.sandbox.protocol.ProtocolException;
import io.orgvault.sandbox.protocol.RestoreSettings;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.backup.schedule.BackupScheduler;
import io.orgvault.web.restore.RestoreJob;
import io.orgvault.web.restore.RestoreState;
import io.orgvault.web.restore.repository.RestoreJobRepository;
import io.orgvault.web.salesforce.OrgStatus;
import io.orgvault.web.salesforce.SalesforceOrg;
import io.orgvault.web.salesforce.repository.SalesforceOrgRepository;
import io.orgvault.web.sandbox.SandboxJobs;
import io.orgvault.web.tenancy.TenantId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's restores as the API asks for them: a selection checked exactly as the sandbox will
 * check it and queued for planning; a confirmed plan queued for its run; the rows.
 */
@ApplicationScoped
public class RestoreService {
  public static final int MAX_LIST = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject RestoreJobRepository restores;
  @Inject SalesforceOrgRepository orgs;
  @Inject SandboxJobs sandboxes;
  @Inject BackupScheduler scheduler;
  @Inject Clock clock;

  /**
   * Queues the plan of a restore from {@code sourceOrgId}'s backups into {@code targetOrgId} (null:
   * the same org). 400 for a selection the sandbox would refuse, 404 for an org the tenant does not
   * have, 409 when the target is not connected or the source has no backups.
   */
  public RestoreJob requestPlan(
      TenantId tenant,
      String actor,
      UUID sourceOrgId,
      UUID targetOrgId,
      JsonNode selection,
      JsonNode options) {
    RestoreSettings settings = parse(selection, options);
    ObjectNode normalized = JSON.createObjectNode();
    settings.toJson(normalized);
    RestoreJob job =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  SalesforceOrg source =
                      orgs.find(tenant, sourceOrgId)
                          .orElseThrow(() -> ApiProblem.notFound("no such org"));
                  UUID targetId = targetOrgId == null ? sourceOrgId : targetOrgId;
                  SalesforceOrg target =
                      orgs.find(tenant, targetId)
                          .orElseThrow(() -> ApiProblem.notFound("no such target org"));
                  if (target.status != OrgStatus.CONNECTED) {
                    throw ApiProblem.conflict(
                        "org_not_connected",
                        "org "
                            + target.id
                            + " is "
                            + target.status
                            + ": reconnect it before restoring into it");
                  }
                  if (!sandboxes.storedOrgs(tenant).contains(source.sfOrgId)) {
                    throw ApiProblem.conflict(
                        "no_backups", "org " + source.id + " has no backups to restore from");
                  }
                  RestoreJob r = new RestoreJob();
                  r.id = UUID.randomUUID();
                  r.tenantId = tenant.value();
                  r.sourceOrgId = source.id;
                  r.targetOrgId = target.id;
                  r.selection = normalized.get("selection").toString();
                  r.options = normalized.get("options").toString();
                  r.state = RestoreState.PLANNING;
                  r.requestedBy = actor;
                  r.requestedAt = clock.instant();
                  restores.add(tenant, r);
                  return r;
                });
    scheduler.scheduleRestore(tenant, job.id);
    return job;
  }

  /**
   * Queues a run (or the continuation of a stopped or failed one) of a planned restore. The caller
   * confirms the plan it saw by its record count: a count that is not the plan's is 409, so nobody
   * runs a plan other than the one they read.
   */
  public RestoreJob requestRun(
      TenantId tenant,
      String actor,
      UUID sourceOrgId,
      UUID id,
      Boolean confirm,
      Long confirmedRecords) {
    if (!Boolean.TRUE.equals(confirm) || confirmedRecords == null) {
      throw ApiProblem.badRequest(
          "confirmation_required",
          "a run writes into the org: send {\"confirm\": true, \"records\": <the plan's record"
              + " count>}");
    }
    RestoreJob job =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  RestoreJob r =
                      restores
                          .find(tenant, sourceOrgId, id)
                          .orElseThrow(() -> ApiProblem.notFound("no such restore"));
                  if (!r.state.runnable()) {
                    throw ApiProblem.conflict(
                        "restore_not_runnable",
                        "the restore is "
                            + r.state
                            + ": only a PLANNED, STOPPED or FAILED restore runs");
                  }
                  if (!confirmedRecords.equals(r.records)) {
                    throw ApiProblem.conflict(
                        "plan_mismatch",
                        "the plan holds "
                            + r.records
                            + " records, the confirmation "
                            + confirmedRecords
                            + ": read the plan again");
                  }
                  SalesforceOrg target = orgs.find(tenant, r.targetOrgId).orElseThrow();
                  if (target.status != OrgStatus.CONNECTED) {
                    throw ApiProblem.conflict(
                        "org_not_connected",
                        "org "
                            + target.id
                            + " is "
                            + target.status
                            + ": reconnect it before restoring into it");
                  }
                  r.state = RestoreState.RUNNING;
                  r.runs++;
                  r.confirmedBy = actor;
                  r.confirmedAt = clock.instant();
                  r.stepStartedAt = null;
                  r.errorCode = null;
                  r.errorMessage = null;
                  r.stopReason = null;
                  r.finishedAt = null;
                  return r;
                });
    scheduler.scheduleRestore(tenant, job.id);
    return job;
  }

  /** The org's restores, newest first; 404 for an org the tenant does not have. */
  public List<RestoreJob> list(TenantId tenant, UUID sourceOrgId, int limit) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              orgs.find(tenant, sourceOrgId).orElseThrow(() -> ApiProblem.notFound("no such org"));
              return restores.listForSource(
                  tenant, sourceOrgId, Math.max(1, Math.min(limit, MAX_LIST)));
            });
  }

  public Optional<RestoreJob> find(TenantId tenant, UUID sourceOrgId, UUID id) {
    return QuarkusTransaction.requiringNew().call(() -> restores.find(tenant, sourceOrgId, id));
  }

  /** The Salesforce org id whose store holds the restore's plan, journal and results. */
  public String storeOrgOf(TenantId tenant, RestoreJob r) {
    return QuarkusTransaction.requiringNew()
        .call(() -> orgs.find(tenant, r.sourceOrgId).orElseThrow().sfOrgId);
  }

  private static RestoreSettings parse(JsonNode selection, JsonNode options) {
    if (selection == null || !selection.isObject()) {
      throw ApiProblem.badRequest("invalid_selection", "selection must be an object");
    }
    ObjectNode n = JSON.createObjectNode();
    n.set("selection", selection);
    if (options != null) {
      n.set("options", options);
    }
    try {
      return RestoreSettings.fromJson(n);
    } catch (ProtocolException e) {
      throw ApiProblem.badRequest("invalid_selection", e.getMessage().replace("job.restore.", ""));
    }
  }
}
