package io.orgvault.web.backup.rest;

import io.orgvault.web.api.ApiError;
import io.orgvault.web.backup.service.BackupRunService;
import io.orgvault.web.tenancy.CallerContext;
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

/** One backup run of the tenant, by id. */
@Path("/api/v1/backup-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backups")
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "401",
    description = "No or an invalid API key",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
@APIResponse(
    responseCode = "403",
    description = "The caller acts for no tenant",
    content = @Content(schema = @Schema(implementation = ApiError.class)))
public class RunResource {
  @Inject BackupRunService runs;
  @Inject CallerContext caller;

  @GET
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
        .orElseGet(
            () -> Response.status(404).entity(new ApiError("not_found", "no such run")).build());
  }
}
