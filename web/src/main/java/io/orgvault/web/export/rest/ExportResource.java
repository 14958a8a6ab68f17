package io.orgvault.web.export.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.export.service.ExportService;
import io.orgvault.web.export.service.ExportService.Download;
import io.orgvault.web.tenancy.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Export jobs of an org's backups and their files (plaintext: deleted when they expire). */
@Path("/api/v1/orgs/{orgId}/exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "exports")
@SecurityRequirement(name = "apiKey")
public class ExportResource {
  @Inject ExportService exports;
  @Inject CallerContext caller;

  static String path(UUID orgId, UUID id) {
    return "/api/v1/orgs/" + orgId + "/exports/" + id;
  }

  @POST
  @Audited(value = AuditAction.DATA_EXPORT, target = "export")
  @Operation(summary = "Queue an export: one object as of a backup, a comparison, or a backup")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content = @Content(schema = @Schema(implementation = ExportView.class)))
  @APIResponse(
      responseCode = "400",
      description = "Bad source, names, backups or filter",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org, or no backup yet",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "Too many exports are waiting (export_queue_full)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response create(@PathParam("orgId") UUID orgId, ExportRequest r) {
    if (r == null) {
      throw ApiProblem.badRequest("invalid_export", "an export request is required");
    }
    var e =
        exports.request(
            caller.tenant(),
            orgId,
            ExportService.validate(
                r.source(),
                r.backup(),
                r.object(),
                r.from(),
                r.to(),
                r.objects(),
                r.kinds(),
                r.fields()));
    return Response.accepted(ExportView.of(e)).location(URI.create(path(orgId, e.id))).build();
  }

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "org", targetParam = "orgId")
  @Operation(summary = "The org's exports, newest first")
  @APIResponse(responseCode = "200", description = "Exports")
  @APIResponse(
      responseCode = "404",
      description = "No such org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public List<ExportView> list(
      @PathParam("orgId") UUID orgId, @QueryParam("limit") @DefaultValue("20") int limit) {
    return exports.list(caller.tenant(), orgId, limit).stream().map(ExportView::of).toList();
  }

  @GET
  @Audited(value = AuditAction.JOB_VIEW, target = "export", targetParam = "id")
  @Path("{id}")
  @Operation(summary = "One export: state, rows, bytes, sha256, expiry, error")
  @APIResponse(
      responseCode = "200",
      description = "The export",
      content = @Content(schema = @Schema(implementation = ExportView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such export (or it expired and was deleted)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public ExportView get(@PathParam("orgId") UUID orgId, @PathParam("id") UUID id) {
    return exports
        .find(caller.tenant(), orgId, id)
        .map(ExportView::of)
        .orElseThrow(() -> ApiProblem.notFound("no such export"));
  }

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "export", targetParam = "id")
  @Path("{id}/file")
  @Produces({"text/csv", "application/zip", MediaType.APPLICATION_JSON})
  @Operation(
      summary =
          "The export's file (CSV or zip) as an attachment; ETag and Digest carry its SHA-256")
  @APIResponse(responseCode = "200", description = "The file")
  @APIResponse(
      responseCode = "404",
      description = "No such export",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "409",
      description = "Not finished or failed (export_not_ready), or the file is refused",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "410",
      description = "Expired (export_expired) or its file is gone (export_gone)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response file(@PathParam("orgId") UUID orgId, @PathParam("id") UUID id) {
    Download d =
        exports
            .download(caller.tenant(), orgId, id)
            .orElseThrow(() -> ApiProblem.notFound("no such export"));
    String name = d.export().fileName;
    StreamingOutput body =
        out -> {
          try (InputStream in = d.file().in()) {
            in.transferTo(out);
          }
        };
    String sha = d.export().sha256;
    return Response.ok(body)
        .type(name.endsWith(".zip") ? "application/zip" : "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .header("Content-Length", d.file().size())
        .header("ETag", "\"" + sha + "\"")
        .header(
            "Digest", "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)))
        .build();
  }

  @DELETE
  @Audited(value = AuditAction.EXPORT_DELETE, target = "export", targetParam = "id")
  @Path("{id}")
  @Operation(summary = "Delete the export and its file now")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description = "No such export",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response delete(@PathParam("orgId") UUID orgId, @PathParam("id") UUID id) {
    if (!exports.delete(caller.tenant(), orgId, id)) {
      throw ApiProblem.notFound("no such export");
    }
    return Response.noContent().build();
  }
}
