package io.orgvault.web.apikey.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.apikey.service.ApiKeyService;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.tenancy.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/** The caller's tenant's API keys. */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "api keys")
@SecurityRequirement(name = "apiKey")
public class ApiKeyResource {
  static final int MAX_NAME = 100;

  @Inject ApiKeyService keys;
  @Inject CallerContext caller;

  @GET
  @Audited(value = AuditAction.SETTINGS_VIEW, target = "api-key")
  @Operation(summary = "The tenant's keys, revoked ones included")
  @APIResponse(responseCode = "200", description = "Keys, oldest first")
  public List<ApiKeyView> list() {
    return keys.list(caller.tenant()).stream().map(ApiKeyView::of).toList();
  }

  @POST
  @Audited(value = AuditAction.API_KEY_CREATE, target = "api-key")
  @Operation(summary = "Issue a key; its text is in this response only")
  @APIResponse(
      responseCode = "201",
      description = "Issued",
      content = @Content(schema = @Schema(implementation = IssuedApiKeyView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Missing or too long name",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response create(CreateApiKeyRequest request) {
    String name = request == null ? null : request.name();
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw ApiProblem.badRequest("invalid_name", "name must be 1 to " + MAX_NAME + " characters");
    }
    var issued = keys.issue(caller.tenant(), name.strip());
    return Response.created(URI.create("/api/v1/api-keys/" + issued.key().id))
        .entity(IssuedApiKeyView.of(issued))
        .build();
  }

  @DELETE
  @Audited(value = AuditAction.API_KEY_REVOKE, target = "api-key", targetParam = "id")
  @Path("{id}")
  @Operation(summary = "Revoke a key at once")
  @APIResponse(responseCode = "200", description = "The key, revoked")
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such key",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response revoke(@PathParam("id") UUID id) {
    return keys.revoke(caller.tenant(), id)
        .map(k -> Response.ok(ApiKeyView.of(k)).build())
        .orElseThrow(() -> ApiProblem.notFound("no such key"));
  }
}
