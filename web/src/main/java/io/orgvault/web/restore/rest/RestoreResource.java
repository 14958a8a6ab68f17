package io.orgvault.web.restore.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.restore.service.RestoreResults;
import io.orgvault.web.restore.service.RestoreService;
import io.orgvault.web.tenancy.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Restores from one of the tenant's orgs: plan, read the plan, confirm its run, get results. */
@Path("/api/v1/orgs/{orgId}/restores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "restores")
@SecurityRequirement(name = "apiKey")
public class RestoreResource {
  static final String CSV = "text/csv";

  @Inject RestoreService restores;
  @Inject RestoreResults results;
  @Inject CallerContext caller;

  @POST
  @Audited(value = AuditAction.RESTORE_PLAN, target = "restore")
  @Operation(
      summary =
          "Plan a restore from the org's backups (into it, or into targetOrgId); the plan reads the"
              + " target org and writes nothing")
  @APIResponse(
      responseCode = "202",
      description = "Planning; follow it at the Location",
      content = @Content(schema = @Schema(implementation = RestoreView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A selection or option the restore refuses (the message names the field)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such org or target org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "The target org is not connected, or the org has no backups",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response plan(@PathParam("orgId") UUID orgId, RestoreRequest request) {
    if (request == null) {
      throw ApiProblem.badRequest("invalid_selection", "a selection is required");
    }
    var job =
        restores.requestPlan(
            caller.tenant(),
            caller.actor(),
            orgId,
            request.targetOrgId(),
            request.selection(),
            request.options());
    return Response.accepted(RestoreView.of(job)).location(self(orgId, job.id)).build();
  }

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "org", targetParam = "orgId")
  @Operation(summary = "The org's restores, newest first")
  @APIResponse(responseCode = "200", description = "Restores")
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public List<RestoreView> list(
      @PathParam("orgId") UUID orgId, @QueryParam("limit") @DefaultValue("50") int limit) {
    return restores.list(caller.tenant(), orgId, limit).stream().map(RestoreView::of).toList();
  }

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "restore", targetParam = "id")
  @Path("{id}")
  @Operation(summary = "One restore: state, the plan's figures, what its runs did")
  @APIResponse(
      responseCode = "200",
      description = "The restore",
      content = @Content(schema = @Schema(implementation = RestoreView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such restore of this org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public RestoreView get(@PathParam("orgId") UUID orgId, @PathParam("id") UUID id) {
    return restores
        .find(caller.tenant(), orgId, id)
        .map(RestoreView::of)
        .orElseThrow(() -> ApiProblem.notFound("no such restore"));
  }

  @POST
  @Audited(value = AuditAction.RESTORE_EXECUTE, target = "restore", targetParam = "id")
  @Path("{id}/run")
  @Operation(
      summary =
          "Run the plan (or continue a stopped or failed run) after confirming its record count")
  @APIResponse(
      responseCode = "202",
      description = "Running; follow it at the Location",
      content = @Content(schema = @Schema(implementation = RestoreView.class)))
  @APIResponse(
      responseCode = "400",
      description = "No confirmation ({\"confirm\": true, \"records\": the plan's record count})",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such restore of this org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "The confirmed count is not the plan's, the restore is not PLANNED, STOPPED or FAILED,"
              + " or the target org is not connected",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response run(
      @PathParam("orgId") UUID orgId, @PathParam("id") UUID id, RunRestoreRequest confirmation) {
    RunRestoreRequest c = confirmation == null ? new RunRestoreRequest(null, null) : confirmation;
    var job =
        restores.requestRun(caller.tenant(), caller.actor(), orgId, id, c.confirm(), c.records());
    return Response.accepted(RestoreView.of(job)).location(self(orgId, id)).build();
  }

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "restore", targetParam = "id")
  @Path("{id}/results")
  @Produces({CSV, MediaType.APPLICATION_JSON})
  @Operation(
      summary =
          "The per-record results of the latest run as CSV (Object, SourceId, Action, Outcome,"
              + " TargetId, ErrorCode, ErrorMessage, ErrorFields, Note)")
  @APIResponse(
      responseCode = "200",
      description = "The CSV",
      content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(
      responseCode = "404",
      description = "No such restore of this org, or it has not run yet",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApiError.class)))
  public Response results(@PathParam("orgId") UUID orgId, @PathParam("id") UUID id) {
    var file = results.open(caller.tenant(), orgId, id);
    return Response.ok(file.in(), CSV + "; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + file.name() + "\"")
        .header("Content-Length", file.size())
        .build();
  }

  private static URI self(UUID orgId, UUID id) {
    return URI.create("/api/v1/orgs/" + orgId + "/restores/" + id);
  }
}
