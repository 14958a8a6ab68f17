package io.orgvault.web.backup.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.backup.service.BackupRunService;
import io.orgvault.web.backup.service.RunProgressStream;
import io.orgvault.web.tenancy.CallerContext;
import io.orgvault.web.tenancy.TenantId;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** One backup run of the tenant, by id. */
@Path("/api/v1/backup-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backups")
@SecurityRequirement(name = "apiKey")
public class RunResource {
  @Inject BackupRunService runs;
  @Inject CallerContext caller;
  @Inject RunProgressStream progress;

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "backup-run", targetParam = "id")
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Blocking
  @Operation(
      summary = "Server-sent events of a run: its state now, then each change, until it ends",
      description = "Changes of a run executing on this instance; elsewhere, poll the run.")
  @APIResponse(responseCode = "200", description = "A stream of run states")
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such run",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Multi<RunView> events(@PathParam("id") UUID id) {
    TenantId tenant = caller.tenant();
    // Subscribe before reading the row, so no change between the two is lost.
    Multi<RunView> changes =
        progress
            .of(tenant.value(), id)
            .onItem()
            .transform(p -> runs.find(tenant, id).map(RunView::of).orElseThrow());
    RunView now =
        runs.find(tenant, id)
            .map(RunView::of)
            .orElseThrow(() -> new ApiProblem(404, "not_found", "no such run"));
    if (now.state().finished()) {
      return Multi.createFrom().item(now);
    }
    return Multi.createBy().concatenating().streams(Multi.createFrom().item(now), changes);
  }

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "backup-run", targetParam = "id")
  @Path("{id}")
  @Operation(summary = "One run with its figures and error")
  @APIResponse(
      responseCode = "200",
      description = "The run",
      content = @Content(schema = @Schema(implementation = RunView.class)))
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such run",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response get(@PathParam("id") UUID id) {
    return runs.find(caller.tenant(), id)
        .map(r -> Response.ok(RunView.of(r)).build())
        .orElseThrow(() -> ApiProblem.notFound("no such run"));
  }
}
