package io.orgvault.web.retention.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.backup.schedule.BackupScheduler;
import io.orgvault.web.retention.service.RetentionService;
import io.orgvault.web.tenancy.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** The tenant's retention policy and its runs. */
@Path("/api/v1/tenant/retention")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "retention")
@SecurityRequirement(name = "apiKey")
public class RetentionResource {
  @Inject RetentionService retention;
  @Inject BackupScheduler scheduler;
  @Inject CallerContext caller;

  @GET
  @Audited(value = AuditAction.SETTINGS_VIEW, target = "retention-policy")
  @Operation(summary = "The retention policy (set=false: every backup is kept)")
  @APIResponse(
      responseCode = "200",
      description = "The policy",
      content = @Content(schema = @Schema(implementation = RetentionPolicyView.class)))
  public RetentionPolicyView get() {
    var tenant = caller.tenant();
    return retention
        .policy(tenant)
        .map(
            p ->
                new RetentionPolicyView(
                    true,
                    p.keepDaily,
                    p.keepMonthly,
                    p.keepLast,
                    p.compact,
                    p.runAt,
                    p.timeZone,
                    scheduler.nextRetention(tenant).orElse(null)))
        .orElseGet(() -> new RetentionPolicyView(false, null, null, null, null, null, null, null));
  }

  @PUT
  @Audited(value = AuditAction.RETENTION_CHANGE, target = "retention-policy")
  @Operation(summary = "Set the policy and the daily time it is applied")
  @APIResponse(
      responseCode = "200",
      description = "The policy with its next run",
      content = @Content(schema = @Schema(implementation = RetentionPolicyView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A count out of range, nothing kept, or an invalid time or zone",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public RetentionPolicyView set(RetentionPolicyRequest r) {
    if (r == null) {
      throw ApiProblem.badRequest("invalid_policy", "a policy is required");
    }
    var tenant = caller.tenant();
    var next =
        retention.setPolicy(
            tenant,
            orZero(r.keepDaily()),
            orZero(r.keepMonthly()),
            orZero(r.keepLast()),
            Boolean.TRUE.equals(r.compact()),
            r.runAt(),
            r.timeZone());
    RetentionPolicyView now = get();
    return new RetentionPolicyView(
        true,
        now.keepDaily(),
        now.keepMonthly(),
        now.keepLast(),
        now.compact(),
        now.runAt(),
        now.timeZone(),
        next.orElse(null));
  }

  @POST
  @Audited(value = AuditAction.RETENTION_RUN, target = "retention-run")
  @Path("runs")
  @Operation(summary = "Apply the policy now")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content = @Content(schema = @Schema(implementation = RetentionRunView.class)))
  @APIResponse(
      responseCode = "409",
      description = "No policy is set",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response runNow() {
    var run = retention.requestRun(caller.tenant());
    return Response.accepted(RetentionRunView.of(run))
        .location(URI.create("/api/v1/tenant/retention/runs/" + run.id))
        .build();
  }

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "retention-run")
  @Path("runs")
  @Operation(summary = "Retention runs, newest first")
  @APIResponse(responseCode = "200", description = "Runs")
  public List<RetentionRunView> runs(@QueryParam("limit") @DefaultValue("20") int limit) {
    return retention.runs(caller.tenant(), limit).stream().map(RetentionRunView::of).toList();
  }

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "retention-run", targetParam = "id")
  @Path("runs/{id}")
  @Operation(summary = "One retention run")
  @APIResponse(
      responseCode = "200",
      description = "The run",
      content = @Content(schema = @Schema(implementation = RetentionRunView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such run",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public RetentionRunView run(@PathParam("id") UUID id) {
    return retention
        .run(caller.tenant(), id)
        .map(RetentionRunView::of)
        .orElseThrow(() -> ApiProblem.notFound("no such retention run"));
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
