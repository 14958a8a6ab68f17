package io.orgvault.web.snapshot.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.snapshot.service.SnapshotService;
import io.orgvault.web.tenancy.CallerContext;
import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.service.TenantService;
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

/** The operator's view of a tenant's snapshots to S3. Translates HTTP only. */
@Path("/api/v1/operator/tenants/{tenantId}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operator: snapshots")
@SecurityRequirement(name = "apiKey")
public class OperatorSnapshotResource {
  @Inject SnapshotService snapshots;
  @Inject TenantService tenants;
  @Inject CallerContext caller;

  @POST
  @Audited(value = AuditAction.SNAPSHOT_START, target = "snapshot", tenantParam = "tenantId")
  @Operation(summary = "Snapshot the tenant's stores to S3 now (queued behind its running job)")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content = @Content(schema = @Schema(implementation = SnapshotRunView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such tenant",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "No snapshot bucket is configured",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response request(@PathParam("tenantId") UUID tenantId) {
    TenantId tenant = existing(tenantId);
    SnapshotRunView run = SnapshotRunView.of(snapshots.request(tenant));
    return Response.accepted(run)
        .location(URI.create("/api/v1/operator/tenants/" + tenantId + "/snapshots/" + run.id()))
        .build();
  }

  @GET
  @Audited(value = AuditAction.OPERATOR_ACCESS, target = "snapshot", tenantParam = "tenantId")
  @Operation(summary = "The tenant's snapshot runs, newest first")
  @APIResponse(responseCode = "200", description = "Runs")
  @APIResponse(
      responseCode = "404",
      description = "No such tenant",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public List<SnapshotRunView> list(
      @PathParam("tenantId") UUID tenantId, @QueryParam("limit") @DefaultValue("20") int limit) {
    return snapshots.list(existing(tenantId), limit).stream().map(SnapshotRunView::of).toList();
  }

  @GET
  @Audited(
      value = AuditAction.OPERATOR_ACCESS,
      target = "snapshot",
      targetParam = "id",
      tenantParam = "tenantId")
  @Path("{id}")
  @Operation(summary = "One snapshot run")
  @APIResponse(responseCode = "200", description = "The run")
  @APIResponse(
      responseCode = "404",
      description = "No such tenant or run",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public SnapshotRunView get(@PathParam("tenantId") UUID tenantId, @PathParam("id") UUID id) {
    return snapshots
        .find(existing(tenantId), id)
        .map(SnapshotRunView::of)
        .orElseThrow(() -> ApiProblem.notFound("no such snapshot run"));
  }

  private TenantId existing(UUID id) {
    TenantId tenant = new TenantId(id);
    tenants
        .find(caller.operator(), tenant)
        .orElseThrow(() -> ApiProblem.notFound("no such tenant"));
    return tenant;
  }
}
