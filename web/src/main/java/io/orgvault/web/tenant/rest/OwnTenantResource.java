package io.orgvault.web.tenant.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.tenancy.CallerContext;
import io.orgvault.web.tenant.service.TenantService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own tenant. */
@Path("/api/v1/tenant")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tenant")
@SecurityRequirement(name = "apiKey")
public class OwnTenantResource {
  @Inject TenantService tenants;
  @Inject CallerContext caller;

  @GET
  @Audited(value = AuditAction.SETTINGS_VIEW, target = "tenant")
  @Operation(summary = "The caller's tenant")
  @APIResponse(
      responseCode = "200",
      description = "The tenant",
      content = @Content(schema = @Schema(implementation = TenantView.class)))
  public Response get() {
    // A live key always has its tenant; an absent row would be a broken database, hence 500.
    return Response.ok(TenantView.of(tenants.own(caller.tenant()).orElseThrow())).build();
  }
}
