package io.orgvault.web.backup.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.backup.TriggerKind;
import io.orgvault.web.backup.service.BackupOrchestrator;
import io.orgvault.web.backup.service.BackupRunService;
import io.orgvault.web.tenancy.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backups of one of the tenant's orgs: start one, list its runs. */
@Path("/api/v1/orgs/{orgId}/backups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backups")
@SecurityRequirement(name = "apiKey")
public class BackupRunResource {
  @Inject BackupOrchestrator orchestrator;
  @Inject BackupRunService runs;
  @Inject CallerContext caller;

  @POST
  @Audited(value = AuditAction.BACKUP_START, target = "org", targetParam = "orgId")
  @Operation(summary = "Start an on-demand backup of an org")
  @APIResponse(
      responseCode = "202",
      description = "Queued; follow it at the Location",
      content = @Content(schema = @Schema(implementation = RunView.class)))
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "The org is not connected, or a backup of it is queued or running",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response start(@PathParam("orgId") UUID orgId) {
    var run = orchestrator.requestBackup(caller.tenant(), orgId, TriggerKind.ON_DEMAND);
    return Response.accepted(RunView.of(run))
        .location(URI.create("/api/v1/backup-runs/" + run.id))
        .build();
  }

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "org", targetParam = "orgId")
  @Operation(summary = "An org's backup runs, newest first")
  @APIResponse(responseCode = "200", description = "Runs")
  public List<RunView> list(
      @PathParam("orgId") UUID orgId, @QueryParam("limit") @DefaultValue("50") int limit) {
    return runs.listForOrg(caller.tenant(), orgId, limit).stream().map(RunView::of).toList();
  }
}
