package io.orgvault.web.salesforce.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.salesforce.service.JwtConnections;
import io.orgvault.web.salesforce.service.OrgConnectionService;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's Salesforce orgs. */
@Path("/api/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "salesforce orgs")
@SecurityRequirement(name = "apiKey")
public class OrgResource {
  @Inject OrgConnectionService connections;
  @Inject JwtConnections jwt;
  @Inject CallerContext caller;

  @GET
  @Audited(value = AuditAction.SETTINGS_VIEW, target = "org")
  @Operation(summary = "The tenant's orgs, disconnected ones included")
  @APIResponse(responseCode = "200", description = "Orgs by label")
  public List<OrgView> list() {
    return connections.list(caller.tenant()).stream().map(OrgView::of).toList();
  }

  @GET
  @Audited(value = AuditAction.SETTINGS_VIEW, target = "org", targetParam = "id")
  @Path("{id}")
  @Operation(summary = "One org")
  @APIResponse(
      responseCode = "200",
      description = "The org",
      content = @Content(schema = @Schema(implementation = OrgView.class)))
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response get(@PathParam("id") UUID id) {
    return connections
        .find(caller.tenant(), id)
        .map(o -> Response.ok(OrgView.of(o)).build())
        .orElseThrow(() -> ApiProblem.notFound("no such org"));
  }

  @POST
  @Audited(value = AuditAction.ORG_CONNECT, target = "org")
  @Path("connect")
  @Operation(
      summary = "Start connecting an org (OAuth web-server flow with PKCE)",
      description =
          "Returns the Salesforce authorization URL for the admin's browser. Salesforce redirects"
              + " back to /api/v1/orgs/oauth/callback, which completes the connection.")
  @APIResponse(
      responseCode = "200",
      description = "The authorization URL",
      content = @Content(schema = @Schema(implementation = AuthorizationView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Invalid label, or a login URL that is not an allowed Salesforce host",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public AuthorizationView connect(ConnectOrgRequest request) {
    var started =
        connections.begin(
            caller.tenant(),
            request == null ? null : request.label(),
            request == null ? null : request.loginUrl());
    return new AuthorizationView(started.authorizeUrl(), started.expiresAt());
  }

  @POST
  @Audited(value = AuditAction.ORG_CONNECT, target = "org")
  @Path("connect-jwt")
  @Operation(
      summary = "Connect an org by the JWT bearer grant (server-to-server)",
      description =
          "The org's connected app must hold the tenant's certificate (GET"
              + " /api/v1/tenant/jwt-certificate) and pre-authorize the user. OrgVault signs an"
              + " assertion with the tenant's key, takes a session and reads the identity URL.")
  @APIResponse(
      responseCode = "201",
      description = "The connected org",
      content = @Content(schema = @Schema(implementation = OrgView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "Invalid label, username or consumer key, a login URL that is not allowed, or"
              + " Salesforce refused the assertion (unknown user, certificate or app)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "The tenant has no JWT certificate yet, or the org is connected by OAuth",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response connectJwt(ConnectJwtOrgRequest request) {
    ConnectJwtOrgRequest r =
        request == null ? new ConnectJwtOrgRequest(null, null, null, null) : request;
    return Response.status(201)
        .entity(
            OrgView.of(
                jwt.connect(
                    caller.tenant(), r.label(), r.loginUrl(), r.username(), r.consumerKey())))
        .build();
  }

  @DELETE
  @Audited(value = AuditAction.ORG_DISCONNECT, target = "org", targetParam = "id")
  @Path("{id}")
  @Operation(
      summary = "Disconnect: revoke the token at Salesforce and erase it",
      description =
          "A JWT bearer org has no token to revoke: its binding is erased, and the tenant's"
              + " signing key once no other live org uses it.")
  @APIResponse(
      responseCode = "200",
      description = "Disconnected",
      content = @Content(schema = @Schema(implementation = DisconnectedView.class)))
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response disconnect(@PathParam("id") UUID id) {
    return connections
        .disconnect(caller.tenant(), id)
        .map(d -> Response.ok(DisconnectedView.of(d)).build())
        .orElseThrow(() -> ApiProblem.notFound("no such org"));
  }
}
