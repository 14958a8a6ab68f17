package io.orgvault.simulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.org.DmlException;
import io.orgvault.simulator.org.DmlResult;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.FieldType;
import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Single-record resources: {@code sobjects/X} (create), {@code sobjects/X/<id>} (get, update,
 * delete), {@code sobjects/X/<externalIdField>/<value>} (get and upsert by external Id, delete) and
 * {@code sobjects/X/<id>/<blobField>} (the body of a file). Every write goes through the org's DML
 * as the session's user.
 */
final class RecordResource {
  /** The first version whose upsert responses say whether the record was created. */
  private static final int UPSERT_CREATED_FLAG_VERSION = 46;

  private final SimulatorContext ctx;

  RecordResource(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  /** {@code POST sobjects/X}. */
  void create(Request request, ResourcePath path, SObjectSchema s) throws IOException {
    RecordBody body;
    byte[] blob = null;
    FieldDef blobField = null;
    if (BlobMultipart.isMultipart(request.header("Content-Type"))) {
      BlobMultipart.Parts parts =
          BlobMultipart.read(request.header("Content-Type"), request.body());
      blobField = s.field(parts.blobField());
      if (blobField == null || blobField.type() != FieldType.BASE64) {
        throw new ApiException(
            400,
            "INVALID_FIELD",
            "No such column '" + parts.blobField() + "' of type base64 on " + s.name(),
            List.of(parts.blobField()));
      }
      body = RecordBody.parse(parts.entity());
      blob = parts.blob();
    } else {
      body = RecordBody.parse(request.bodyBytes());
    }
    Map<String, Object> fields = body.fields(s, null);
    if (blobField != null) {
      fields.put(blobField.name(), blob);
    }
    if (body.raw(SObjectSchema.ID) != null) {
      throw new ApiException(
          400,
          "INVALID_FIELD",
          "The Id field should not be specified in the sobject data.",
          List.of(SObjectSchema.ID));
    }
    DmlResult r = ctx.org().insert(s.name(), fields, request.session().userId());
    requireSuccess(r);
    Responses.json(request.exchange(), 201, saveResult(r.id(), null));
  }

  /** {@code sobjects/X/<id>}: GET, PATCH, DELETE. */
  void row(Request request, ResourcePath path, SObjectSchema s, String id) throws IOException {
    HttpMethods.require(request, "GET", "PATCH", "DELETE");
    ObjectTable t = ctx.org().table(s.name());
    int row = liveRow(t, id);
    String userId = request.session().userId();
    switch (request.method()) {
      case "GET" -> writeRecord(request, path, t, row);
      case "PATCH" -> {
        RecordBody body = RecordBody.parse(request.bodyBytes());
        requireSuccess(
            ctx.org().update(s.name(), t.id(row), body.fields(s, SObjectSchema.ID), userId));
        Responses.send(request.exchange(), 204, null, null);
      }
      default -> {
        requireSuccess(ctx.org().delete(t.id(row), userId));
        Responses.send(request.exchange(), 204, null, null);
      }
    }
  }

  /** {@code sobjects/X/<field>/<value>}: GET, PATCH (upsert), DELETE by an external Id. */
  void byExternalId(Request request, ResourcePath path, SObjectSchema s, FieldDef f, String value)
      throws IOException {
    HttpMethods.require(request, "GET", "PATCH", "DELETE");
    if (!f.externalId() && !f.name().equals(SObjectSchema.ID)) {
      throw ApiException.notFound();
    }
    ObjectTable t = ctx.org().table(s.name());
    String userId = request.session().userId();
    if (request.method().equals("PATCH")) {
      RecordBody body = RecordBody.parse(request.bodyBytes());
      Map<String, Object> fields = body.fields(s, f.name());
      List<Integer> matches = matches(t, f, value);
      if (matches.size() > 1) {
        multipleChoices(request, path, t, matches);
        return;
      }
      if (matches.isEmpty() && "true".equalsIgnoreCase(request.param("updateOnly"))) {
        throw ApiException.notFound();
      }
      fields.put(f.name(), value);
      DmlResult r = ctx.org().upsert(s.name(), f.name(), fields, userId);
      requireSuccess(r);
      boolean flag = path.version() >= UPSERT_CREATED_FLAG_VERSION;
      if (!r.created() && !flag) {
        Responses.send(request.exchange(), 204, null, null);
        return;
      }
      Responses.json(
          request.exchange(),
          r.created() ? 201 : 200,
          saveResult(r.id(), flag ? r.created() : null));
      return;
    }
    List<Integer> matches = matches(t, f, value);
    if (matches.isEmpty()) {
      throw ApiException.notFound();
    }
    if (matches.size() > 1) {
      multipleChoices(request, path, t, matches);
      return;
    }
    int row = matches.get(0);
    if (request.method().equals("GET")) {
      writeRecord(request, path, t, row);
    } else {
      requireSuccess(ctx.org().delete(t.id(row), userId));
      Responses.send(request.exchange(), 204, null, null);
    }
  }

  /** {@code GET sobjects/X/<id>/<blobField>}: the raw bytes of a base64 field. */
  void blob(Request request, SObjectSchema s, String id, String field) throws IOException {
    HttpMethods.require(request, "GET");
    FieldDef f = s.field(field);
    if (f == null || f.type() != FieldType.BASE64) {
      throw ApiException.notFound();
    }
    ObjectTable t = ctx.org().table(s.name());
    int row = liveRow(t, id);
    byte[] bytes = ctx.org().blob(s.name(), t.id(row), f.name());
    if (bytes == null) {
      throw ApiException.notFound();
    }
    String type = "application/octetstream";
    if (s.field("ContentType") != null && t.value(row, "ContentType") instanceof String ct) {
      type = ct;
    }
    Responses.send(request.exchange(), 200, type, bytes);
  }

  /**
   * The row of a live record of this table: 404 {@code NOT_FOUND} when there is none, 404 {@code
   * ENTITY_IS_DELETED} when it is in the recycle bin.
   */
  static int liveRow(ObjectTable t, String id) {
    int row = t.rowOf(id);
    if (row < 0 || !t.exists(row)) {
      throw ApiException.notFound();
    }
    if (t.isRecycled(row)) {
      throw new ApiException(404, "ENTITY_IS_DELETED", "entity is deleted", List.of());
    }
    return row;
  }

  private void writeRecord(Request request, ResourcePath path, ObjectTable t, int row)
      throws IOException {
    SObjectSchema s = t.schema();
    List<FieldDef> fields = selectedFields(s, request.param("fields"));
    String id = t.id(row);
    String base = path.base();
    JsonOut.stream(
        request.exchange(),
        200,
        g -> {
          g.writeStartObject();
          RecordJson.attributes(g, base, s.name(), id);
          for (FieldDef f : fields) {
            RecordJson.value(g, base, s.name(), id, f.name(), t.value(row, s.fieldIndex(f.name())));
          }
          g.writeEndObject();
        });
  }

  /** The fields a {@code ?fields=} list asks for, or all of them. */
  static List<FieldDef> selectedFields(SObjectSchema s, String list) {
    if (list == null || list.isBlank()) {
      return s.fields();
    }
    List<FieldDef> out = new ArrayList<>();
    for (String name : list.split(",")) {
      String n = name.trim();
      if (n.isEmpty()) {
        continue;
      }
      FieldDef f = s.field(n);
      if (f == null) {
        throw ApiException.badRequest(
            "INVALID_FIELD",
            "No such column '"
                + n
                + "' on entity '"
                + s.name()
                + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                + " after the custom field name. Please reference your WSDL or the describe call"
                + " for the appropriate names.");
      }
      if (!out.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  private static List<Integer> matches(ObjectTable t, FieldDef f, String value) {
    Object key;
    try {
      key = FieldValues.coerce(f, value);
    } catch (DmlException e) {
      return List.of();
    }
    List<Integer> rows = new ArrayList<>();
    if (key == null) {
      return rows;
    }
    if (f.name().equals(SObjectSchema.ID)) {
      int r = t.rowOf((String) key);
      if (t.isLive(r)) {
        rows.add(r);
      }
      return rows;
    }
    int fi = t.schema().fieldIndex(f.name());
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r) && key.equals(t.value(r, fi))) {
        rows.add(r);
      }
    }
    return rows;
  }

  /** 300 Multiple Choices: the URLs of the records an external Id matched. */
  private static void multipleChoices(
      Request request, ResourcePath path, ObjectTable t, List<Integer> rows) throws IOException {
    ArrayNode urls = Responses.JSON.createArrayNode();
    for (int r : rows) {
      urls.add(RecordJson.url(path.base(), t.schema().name(), t.id(r)));
    }
    Responses.json(request.exchange(), 300, urls);
  }

  /** {@code {"id":..,"success":true,"errors":[]}}, with {@code created} when given. */
  static ObjectNode saveResult(String id, Boolean created) {
    ObjectNode o = Responses.JSON.createObjectNode();
    o.put("id", id);
    o.put("success", true);
    o.putArray("errors");
    if (created != null) {
      o.put("created", created);
    }
    return o;
  }

  /** A failed single-record DML as the REST error body; a deleted or missing record is 404. */
  static void requireSuccess(DmlResult r) {
    if (r.success()) {
      return;
    }
    DmlException e = r.errors().get(0);
    // The record the URL names is gone; a deleted record a field refers to is the client's input.
    boolean gone =
        e.fields().isEmpty()
            && (e.statusCode().equals("ENTITY_IS_DELETED") || e.statusCode().equals("NOT_FOUND"));
    int status = gone ? 404 : 400;
    throw new ApiException(status, e.statusCode(), e.getMessage(), e.fields());
  }
}
