package io.orgvault.web.salesforce.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.salesforce.service.JwtSigningKeys;
import io.orgvault.web.tenancy.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** The tenant's key pair for JWT bearer connections: only its certificate ever leaves. */
@Path("/api/v1/tenant/jwt-certificate")
@Tag(name = "salesforce orgs")
@SecurityRequirement(name = "apiKey")
public class JwtCertificateResource {
  static final String PEM = "application/x-pem-file";

  @Inject JwtSigningKeys keys;
  @Inject CallerContext caller;

  @POST
  @Audited(value = AuditAction.JWT_KEY_CREATE, target = "jwt-certificate")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Make the tenant's JWT key pair",
      description =
          "An RSA key pair whose private key is sealed at rest and never leaves the service;"
              + " returns the certificate to upload to the org's connected app.")
  @APIResponse(
      responseCode = "201",
      description = "The new certificate",
      content = @Content(schema = @Schema(implementation = JwtCertificateView.class)))
  @APIResponse(
      responseCode = "409",
      description = "The tenant already has one",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response create() {
    return Response.status(201).entity(JwtCertificateView.of(keys.create(caller.tenant()))).build();
  }

  @GET
  @Audited(value = AuditAction.SETTINGS_VIEW, target = "jwt-certificate")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The tenant's JWT certificate, its fingerprint and validity")
  @APIResponse(
      responseCode = "200",
      description = "The certificate",
      content = @Content(schema = @Schema(implementation = JwtCertificateView.class)))
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no JWT key pair",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response get() {
    return keys.certificate(caller.tenant())
        .map(c -> Response.ok(JwtCertificateView.of(c)).build())
        .orElseThrow(() -> ApiProblem.notFound("no JWT certificate"));
  }

  @GET
  @Audited(value = AuditAction.SETTINGS_VIEW, target = "jwt-certificate")
  @Path("pem")
  @Produces({PEM, MediaType.APPLICATION_JSON})
  @Operation(summary = "Download the certificate as a PEM file for the connected app")
  @APIResponse(
      responseCode = "200",
      description = "The PEM certificate",
      content = @Content(mediaType = PEM))
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no JWT key pair",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response pem() {
    return keys.certificate(caller.tenant())
        .map(
            c ->
                Response.ok(c.pem(), PEM)
                    .header(
                        "Content-Disposition",
                        "attachment; filename=\"orgvault-" + caller.tenant() + ".crt\"")
                    .build())
        .orElseThrow(() -> ApiProblem.notFound("no JWT certificate"));
  }
}
