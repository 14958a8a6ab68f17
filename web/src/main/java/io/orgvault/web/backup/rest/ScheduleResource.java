package io.orgvault.web.backup.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.backup.service.BackupScheduleService;
import io.orgvault.web.tenancy.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

/** An org's daily backup schedule. */
@Path("/api/v1/orgs/{orgId}/schedule")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "backups")
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "404",
    description = "The tenant has no such org",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ScheduleResource {
  @Inject BackupScheduleService schedules;
  @Inject CallerContext caller;

  @GET
  @Audited(value = AuditAction.SETTINGS_VIEW, target = "schedule", targetParam = "orgId")
  @Operation(summary = "The org's daily window and next run")
  @APIResponse(
      responseCode = "200",
      description = "The schedule",
      content = @Content(schema = @Schema(implementation = ScheduleView.class)))
  public Response get(@PathParam("orgId") UUID orgId) {
    return schedules
        .get(caller.tenant(), orgId)
        .map(s -> Response.ok(ScheduleView.of(s)).build())
        .orElseThrow(() -> ApiProblem.notFound("no such org"));
  }

  @PUT
  @Audited(value = AuditAction.SETTINGS_CHANGE, target = "schedule", targetParam = "orgId")
  @Operation(summary = "Set the daily window (HH:mm in an IANA time zone) or turn it off")
  @APIResponse(
      responseCode = "200",
      description = "The schedule with its next run",
      content = @Content(schema = @Schema(implementation = ScheduleView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid time or zone",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response set(@PathParam("orgId") UUID orgId, ScheduleRequest request) {
    ScheduleRequest r = request == null ? new ScheduleRequest(null, null, null) : request;
    return schedules
        .set(
            caller.tenant(),
            orgId,
            r.enabled() == null || r.enabled(),
            r.windowStart(),
            r.timeZone())
        .map(s -> Response.ok(ScheduleView.of(s)).build())
        .orElseThrow(() -> ApiProblem.notFound("no such org"));
  }
}
