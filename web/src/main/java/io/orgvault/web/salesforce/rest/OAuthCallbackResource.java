package io.orgvault.web.salesforce.rest;

import io.orgvault.web.api.ApiError;
import io.orgvault.web.audit.Unaudited;
import io.orgvault.web.salesforce.service.OrgConnectionService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Salesforce's redirect back to OrgVault. It arrives from the admin's browser without an API key;
 * the single-use state, tied to the tenant that started the flow, is what authorizes it.
 */
@Path("/api/v1/orgs/oauth/callback")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "salesforce orgs")
public class OAuthCallbackResource {
  @Inject OrgConnectionService connections;

  @GET
  @Unaudited(
      "Salesforce's anonymous redirect: the connection it completes was audited when started (org.connect); its outcome is recorded with [G]'s login events")
  @Operation(
      summary = "OAuth callback: completes a connection started by POST /api/v1/orgs/connect")
  @APIResponse(
      responseCode = "200",
      description = "The connected org",
      content = @Content(schema = @Schema(implementation = OrgView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Unknown, used or expired state; access denied; Salesforce refused the code",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "The org is already connected by JWT bearer",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public OrgView callback(
      @QueryParam("state") String state,
      @QueryParam("code") String code,
      @QueryParam("error") String error) {
    return OrgView.of(connections.complete(state, code, error));
  }
}
