package io.orgvault.web.tenant.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.apikey.rest.IssuedApiKeyView;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.tenancy.CallerContext;
import io.orgvault.web.tenancy.TenantId;
import io.orgvault.web.tenant.TenantStatus;
import io.orgvault.web.tenant.service.TenantService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The platform operator's tenant administration. Translates HTTP only; rules live in the service.
 */
@Path("/api/v1/operator/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "operator: tenants")
@SecurityRequirement(name = "apiKey")
public class OperatorTenantResource {
  @Inject TenantService tenants;
  @Inject CallerContext caller;

  @POST
  @Audited(value = AuditAction.TENANT_CREATE, target = "tenant", tenantParam = "id")
  @Operation(summary = "Create a tenant and its first admin API key")
  @APIResponse(
      responseCode = "201",
      description = "Created; the key's text is shown only here",
      content = @Content(schema = @Schema(implementation = CreatedTenantView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid slug or display name",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "The slug is taken",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response create(CreateTenantRequest request) {
    var created =
        tenants.create(
            caller.operator(),
            request == null ? null : request.slug(),
            request == null ? null : request.displayName());
    return Response.created(URI.create("/api/v1/operator/tenants/" + created.tenant().id))
        .entity(
            new CreatedTenantView(
                TenantView.of(created.tenant()), IssuedApiKeyView.of(created.adminKey())))
        .build();
  }

  @GET
  @Audited(value = AuditAction.OPERATOR_ACCESS, target = "tenant")
  @Operation(summary = "List tenants (deleted ones only when asked by status)")
  @APIResponse(responseCode = "200", description = "Tenants by slug")
  public List<TenantView> list(@QueryParam("status") TenantStatus status) {
    return tenants.list(caller.operator(), Optional.ofNullable(status)).stream()
        .map(TenantView::of)
        .toList();
  }

  @GET
  @Audited(
      value = AuditAction.OPERATOR_ACCESS,
      target = "tenant",
      targetParam = "id",
      tenantParam = "id")
  @Path("{id}")
  @Operation(summary = "One tenant")
  @APIResponse(responseCode = "200", description = "The tenant")
  @APIResponse(
      responseCode = "404",
      description = "No such tenant",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response get(@PathParam("id") UUID id) {
    return ok(tenants.find(caller.operator(), new TenantId(id)).map(TenantView::of));
  }

  @POST
  @Audited(
      value = AuditAction.TENANT_SUSPEND,
      target = "tenant",
      targetParam = "id",
      tenantParam = "id")
  @Path("{id}/suspend")
  @Operation(summary = "Suspend a tenant: its keys stop working and its jobs are not scheduled")
  @APIResponse(responseCode = "200", description = "The tenant, suspended")
  @APIResponse(
      responseCode = "404",
      description = "No such tenant",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "The tenant is deleted",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response suspend(@PathParam("id") UUID id) {
    return ok(tenants.suspend(caller.operator(), new TenantId(id)).map(TenantView::of));
  }

  @POST
  @Audited(
      value = AuditAction.TENANT_REACTIVATE,
      target = "tenant",
      targetParam = "id",
      tenantParam = "id")
  @Path("{id}/reactivate")
  @Operation(summary = "Reactivate a suspended tenant")
  @APIResponse(responseCode = "200", description = "The tenant, active")
  @APIResponse(
      responseCode = "404",
      description = "No such tenant",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "The tenant is deleted",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response reactivate(@PathParam("id") UUID id) {
    return ok(tenants.reactivate(caller.operator(), new TenantId(id)).map(TenantView::of));
  }

  @DELETE
  @Audited(
      value = AuditAction.TENANT_DELETE,
      target = "tenant",
      targetParam = "id",
      tenantParam = "id")
  @Path("{id}")
  @Operation(summary = "Delete a tenant: every key revoked; the id is never reused")
  @APIResponse(responseCode = "200", description = "The tenant, deleted")
  @APIResponse(
      responseCode = "404",
      description = "No such tenant",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response delete(@PathParam("id") UUID id) {
    return ok(tenants.delete(caller.operator(), new TenantId(id)).map(TenantView::of));
  }

  private static Response ok(Optional<TenantView> view) {
    return view.map(v -> Response.ok(v).build())
        .orElseThrow(() -> ApiProblem.notFound("no such tenant"));
  }
}
