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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Browsing an org's backups: backups, objects, schemas, records, history, as-of, related records.
 * Answers are the query sandbox's (module sandbox-runner, "Query sandboxes"); {@code {backup}} is a
 * backup number or {@code latest}.
 */
@Path("/api/v1/orgs/{orgId}/data")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data")
@SecurityRequirement(name = "apiKey")
public class DataResource {
  @Inject OrgDataService data;
  @Inject CallerContext caller;

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "org", targetParam = "orgId")
  @Path("backups")
  @Operation(summary = "The backups in the org's store: number and time, oldest first")
  @APIResponse(responseCode = "200", description = "{backups: [{backup, createdAt}]}")
  @APIResponse(
      responseCode = "404",
      description = "No such org",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available (sandbox_unavailable, query_failed)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode backups(@PathParam("orgId") UUID orgId) {
    return data.backups(caller.tenant(), orgId);
  }

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "org", targetParam = "orgId")
  @Path("backups/{backup}/objects")
  @Operation(summary = "The objects of a backup with their live record counts")
  @APIResponse(responseCode = "200", description = "{backup, objects: [{object, records, fields}]}")
  @APIResponse(
      responseCode = "400",
      description = "Not a backup number",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org or backup, or no backup yet",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode objects(@PathParam("orgId") UUID orgId, @PathParam("backup") String backup) {
    return data.objects(caller.tenant(), orgId, DataInput.backup(backup));
  }

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "object", targetParam = "object")
  @Path("backups/{backup}/objects/{object}/schema")
  @Operation(summary = "The fields of an object as the backup stored them")
  @APIResponse(responseCode = "200", description = "{backup, object, fields: [{name, type}]}")
  @APIResponse(
      responseCode = "400",
      description = "Not a backup number or an API name",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org, backup or object in the backup",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode schema(
      @PathParam("orgId") UUID orgId,
      @PathParam("backup") String backup,
      @PathParam("object") String object) {
    return data.schema(
        caller.tenant(), orgId, DataInput.backup(backup), DataInput.apiName(object, "object"));
  }

  @GET
  @Audited(
      value = AuditAction.DATA_VIEW,
      target = "object",
      targetParam = "object",
      searchParams = {"search", "equals"})
  @Path("backups/{backup}/objects/{object}/records")
  @Operation(
      summary =
          "A page of an object's records as of a backup, in Id order: all, those whose field"
              + " equals a value (field, equals; blank: empty), or a text search (search)")
  @APIResponse(responseCode = "200", description = "{backup, records: [...], next: cursor|null}")
  @APIResponse(
      responseCode = "400",
      description =
          "Bad backup, name, limit, search or field (bad_query), or a cursor this listing did not"
              + " give out (invalid_cursor)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org or backup",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode records(
      @PathParam("orgId") UUID orgId,
      @PathParam("backup") String backup,
      @PathParam("object") String object,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("100") int limit,
      @QueryParam("field") String field,
      @QueryParam("equals") String equals,
      @QueryParam("search") String search) {
    if (field == null && equals != null) {
      throw ApiProblem.badRequest("invalid_field", "equals needs a field");
    }
    if (field != null && search != null) {
      throw ApiProblem.badRequest("invalid_search", "give field and equals, or search, not both");
    }
    return data.browse(
        caller.tenant(),
        orgId,
        DataInput.backup(backup),
        DataInput.apiName(object, "object"),
        DataInput.cursor(cursor),
        DataInput.limit(limit, DataInput.MAX_PAGE),
        field == null ? null : DataInput.apiName(field, "field"),
        DataInput.text(equals, "equals"),
        DataInput.text(search, "search"));
  }

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "record", targetParam = "id")
  @Path("backups/{backup}/objects/{object}/records/{id}")
  @Operation(summary = "One record as of a backup (15- or 18-character Id)")
  @APIResponse(
      responseCode = "200",
      description = "{backup, record: {id, systemModstamp, deleted, fields}}")
  @APIResponse(
      responseCode = "400",
      description = "Bad backup, name or Id",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org or backup, or the backup has no version of the record",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode record(
      @PathParam("orgId") UUID orgId,
      @PathParam("backup") String backup,
      @PathParam("object") String object,
      @PathParam("id") String id) {
    return data.record(
            caller.tenant(),
            orgId,
            DataInput.backup(backup),
            DataInput.apiName(object, "object"),
            DataInput.recordId(id))
        .orElseThrow(
            () -> new ApiProblem(404, "record_not_found", "the backup has no such record"));
  }

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "record", targetParam = "id")
  @Path("backups/{backup}/objects/{object}/records/{id}/related")
  @Operation(summary = "The record's parents and children in the backup")
  @APIResponse(
      responseCode = "200",
      description = "{parents: [...], children: [...], childrenTotal, childrenTruncated}")
  @APIResponse(
      responseCode = "400",
      description = "Bad backup, name or Id",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org or backup, or no live record in the backup",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode related(
      @PathParam("orgId") UUID orgId,
      @PathParam("backup") String backup,
      @PathParam("object") String object,
      @PathParam("id") String id) {
    return data.related(
        caller.tenant(),
        orgId,
        DataInput.backup(backup),
        DataInput.apiName(object, "object"),
        DataInput.recordId(id));
  }

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "record", targetParam = "id")
  @Path("objects/{object}/records/{id}/history")
  @Operation(summary = "Every version of a record across the backups, oldest first")
  @APIResponse(
      responseCode = "200",
      description = "{total, versions: [{backup, backupTime, kind, changes, ...}], next}")
  @APIResponse(
      responseCode = "400",
      description = "Bad name, Id, offset or limit",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org, or no backup yet",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode history(
      @PathParam("orgId") UUID orgId,
      @PathParam("object") String object,
      @PathParam("id") String id,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    if (offset < 0) {
      throw ApiProblem.badRequest("invalid_offset", "offset must be 0 or more");
    }
    return data.history(
        caller.tenant(),
        orgId,
        DataInput.apiName(object, "object"),
        DataInput.recordId(id),
        offset,
        DataInput.limit(limit, DataInput.MAX_HISTORY_PAGE));
  }

  @GET
  @Audited(value = AuditAction.DATA_VIEW, target = "record", targetParam = "id")
  @Path("objects/{object}/records/{id}/as-of")
  @Operation(summary = "The record as the last backup made at or before an instant held it")
  @APIResponse(responseCode = "200", description = "{backup, backupTime, record|null}")
  @APIResponse(
      responseCode = "400",
      description = "Bad name, Id or instant",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such org, or no backup at or before the instant (no_backup_before)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  @APIResponse(
      responseCode = "503",
      description = "The query sandbox is not available",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public JsonNode asOf(
      @PathParam("orgId") UUID orgId,
      @PathParam("object") String object,
      @PathParam("id") String id,
      @QueryParam("at") String at) {
    return data.asOf(
        caller.tenant(),
        orgId,
        DataInput.apiName(object, "object"),
        DataInput.recordId(id),
        DataInput.instant(at));
  }
}
