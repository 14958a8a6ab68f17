package io.orgvault.web.audit.rest;

import io.orgvault.audit.event.AuditAction;
import io.orgvault.audit.query.ExportFormat;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.audit.service.AuditViewer;
import io.orgvault.web.tenancy.CallerContext;
import io.orgvault.web.tenancy.TenantId;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's audit log: its events, their export, and the verification of its chain. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@SecurityRequirement(name = "apiKey")
public class AuditResource {
  @Inject AuditViewer viewer;
  @Inject CallerContext caller;

  @GET
  @Path("events")
  @Audited(value = AuditAction.AUDIT_VIEW, target = "audit.chain")
  @Operation(summary = "The tenant's audit events, newest first, filtered, by keyset pages")
  @APIResponse(
      responseCode = "200",
      description = "A page; next is the cursor of the following one",
      content = @Content(schema = @Schema(implementation = AuditPageView.class)))
  @APIResponse(
      responseCode = "400",
      description = "A bad filter (unknown action or outcome, time not ISO-8601, empty range)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The audit log is disabled (the H2 demo)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public AuditPageView events(
      @QueryParam("user") String user,
      @QueryParam("action") List<String> actions,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("ip") String ip,
      @QueryParam("outcome") String outcome,
      @QueryParam("cursor") Long cursor,
      @QueryParam("limit") Integer limit) {
    var page =
        viewer.page(
            caller.tenant(),
            new AuditViewer.Filter(user, actions, from, to, ip, outcome, cursor, limit));
    return new AuditPageView(
        page.events().stream().map(AuditEventView::of).toList(), page.nextCursor().orElse(null));
  }

  @GET
  @Path("events/export")
  @Produces({"text/csv", "application/jsonl"})
  @Audited(value = AuditAction.AUDIT_EXPORT, target = "audit.chain")
  @Operation(
      summary = "Every matching event, oldest first, streamed as CSV or JSON Lines",
      description = "The same filters as the list (cursor and limit aside). The export is audited.")
  @APIResponse(responseCode = "200", description = "The events as an attachment")
  @APIResponse(
      responseCode = "400",
      description = "A bad filter or format (csv or jsonl)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The audit log is disabled (the H2 demo)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public Response export(
      @QueryParam("format") String format,
      @QueryParam("user") String user,
      @QueryParam("action") List<String> actions,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("ip") String ip,
      @QueryParam("outcome") String outcome) {
    TenantId tenant = caller.tenant();
    ExportFormat f;
    String type;
    String ext;
    if ("csv".equals(format)) {
      f = ExportFormat.CSV;
      type = "text/csv; charset=UTF-8";
      ext = "csv";
    } else if ("jsonl".equals(format)) {
      f = ExportFormat.JSON_LINES;
      type = "application/jsonl; charset=UTF-8";
      ext = "jsonl";
    } else {
      throw new ApiProblem(400, "invalid_format", "format must be csv or jsonl");
    }
    var filter = new AuditViewer.Filter(user, actions, from, to, ip, outcome, null, null);
    viewer.query(tenant, filter); // a bad filter is a 400 before the stream starts
    StreamingOutput body =
        out -> {
          var w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          viewer.export(tenant, filter, f, w);
          w.flush();
        };
    return Response.ok(body, type)
        .header("Content-Disposition", "attachment; filename=\"audit-events." + ext + "\"")
        .build();
  }

  @GET
  @Path("verify")
  @Audited(value = AuditAction.AUDIT_VERIFY, target = "audit.chain")
  @Operation(
      summary = "Verify the tenant's chain and checkpoints",
      description = "ok, or the first broken link (kind, seq, detail).")
  @APIResponse(
      responseCode = "200",
      description = "The verdict",
      content = @Content(schema = @Schema(implementation = VerifyView.class)))
  @APIResponse(
      responseCode = "503",
      description = "The audit log is disabled (the H2 demo)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public VerifyView verify() {
    return VerifyView.of(viewer.verify(caller.tenant()));
  }
}
