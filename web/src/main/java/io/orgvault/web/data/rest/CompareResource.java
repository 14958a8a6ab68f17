package io.orgvault.web.data.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.orgvault.audit.event.AuditAction;
import io.orgvault.web.api.ApiError;
import io.orgvault.web.api.ApiProblem;
import io.orgvault.web.audit.Audited;
import io.orgvault.web.data.service.DataInput;
import io.orgvault.web.data.service.OrgDataService;
import io.orgvault.web.tenancy.CallerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What changed between two backups of an org ({@code from < to}), filtered by objects, kinds
 * ({@code added}, {@code deleted}, {@code changed}) and fields, each repeatable.
 */
@Path("/api/v1/orgs/{orgId}/data/compare")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
@SecurityRequirement(name = "apiKey")
public class CompareResource {
  @Inject OrgDataService data;
  @Inject CallerContext caller;

  @GET
  @Audited(value = AuditAction.DATA_COMPARE, target = "org", targetParam = "orgId")
  @Operation(summary = "Per object: records added, deleted, changed, and schema changes")
  @APIResponse(
      responseCode = "200",
      description = "{from, to, objects: [{object, added, deleted, changed, schema}]}")
  @APIResponse(
      responseCode = "400",
      description = "Missing or bad backups (from must be before to), names or kinds",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org or backup, or an object neither backup has",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode summary(
      @PathParam("orgId") UUID orgId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("object") List<String> objects,
      @QueryParam("kind") List<String> kinds,
      @QueryParam("field") List<String> fields) {
    long f = required(from, "from");
    long t = required(to, "to");
    DataInput.pair(f, t);
    return data.compareSummary(
        caller.tenant(), orgId, f, t, DataInput.filter(objects, kinds, fields));
  }

  @GET
  @Audited(value = AuditAction.DATA_COMPARE, target = "org", targetParam = "orgId")
  @Path("changes")
  @Operation(
      summary =
          "A page of changes in object then Id order: changed records with their differing"
              + " fields, added ones as at to, deleted ones as at from")
  @APIResponse(
      responseCode = "200",
      description = "{changes: [{object, id, kind, fields|record}], next: cursor|null}")
  @APIResponse(
      responseCode = "400",
      description =
          "Bad backups, names, kinds or limit, or a cursor this comparison and filter did not"
              + " give out (invalid_cursor)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org or backup, or an object neither backup has",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode changes(
      @PathParam("orgId") UUID orgId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("object") List<String> objects,
      @QueryParam("kind") List<String> kinds,
      @QueryParam("field") List<String> fields,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    long f = required(from, "from");
    long t = required(to, "to");
    DataInput.pair(f, t);
    return data.compare(
        caller.tenant(),
        orgId,
        f,
        t,
        DataInput.filter(objects, kinds, fields),
        DataInput.cursor(cursor),
        DataInput.limit(limit, DataInput.MAX_PAGE));
  }

  private static long required(String n, String param) {
    if (n == null) {
      throw ApiProblem.badRequest("invalid_" + param, param + " (a backup number) is required");
    }
    return DataInput.number(n, param);
  }
}
