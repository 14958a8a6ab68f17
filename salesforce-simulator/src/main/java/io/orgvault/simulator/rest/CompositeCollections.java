package io.orgvault.simulator.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.org.DmlException;
import io.orgvault.simulator.org.DmlOperation;
import io.orgvault.simulator.org.DmlResult;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.org.SalesforceId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * sObject Collections, {@code /composite/sobjects}: create (POST), update (PATCH) and delete
 * (DELETE {@code ?ids=}) up to 200 records of any types in one call, and retrieve (GET {@code
 * /composite/sobjects/X?ids=&fields=}). Results come back in input order. With {@code
 * allOrNone=true} a single failure writes nothing ({@link Org#writeAllOrNone}); the other records
 * then report {@code ALL_OR_NONE_OPERATION_ROLLED_BACK}.
 */
final class CompositeCollections {
  static final int MAX_RECORDS = 200;
  static final int MAX_RETRIEVE_IDS = 2000;

  private final SimulatorContext ctx;

  CompositeCollections(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  void handle(Request request, ResourcePath path) throws IOException {
    if (path.size() == 3) {
      retrieve(request, path, path.get(2));
      return;
    }
    if (path.size() == 4) {
      HttpMethods.require(request, "PATCH");
      upsert(request, path.get(2), path.get(3));
      return;
    }
    if (path.size() != 2) {
      throw ApiException.notFound();
    }
    HttpMethods.require(request, "POST", "PATCH", "DELETE");
    switch (request.method()) {
      case "POST" -> write(request, this::createOperation);
      case "PATCH" -> write(request, this::updateOperation);
      default -> delete(request);
    }
  }

  private void write(Request request, Function<RecordBody, DmlOperation> operation)
      throws IOException {
    List<RecordBody> records = new ArrayList<>();
    boolean allOrNone = parseBody(request.bodyBytes(), records);
    checkCount(records.size());
    run(request, records.stream().map(operation).toList(), allOrNone);
  }

  private void delete(Request request) throws IOException {
    String ids = request.param("ids");
    if (ids == null || ids.isBlank()) {
      throw ApiException.badRequest("MISSING_ARGUMENT", "ids: the parameter is required");
    }
    List<String> list = Arrays.stream(ids.split(",")).map(String::trim).toList();
    checkCount(list.size());
    List<DmlOperation> ops = list.stream().map(DmlOperation::delete).toList();
    run(request, ops, "true".equalsIgnoreCase(request.param("allOrNone")));
  }

  /**
   * {@code PATCH composite/sobjects/X/<externalIdField>}: upserts up to 200 records of one object
   * by an external Id field (or {@code Id}); each result says whether its record was created.
   */
  private void upsert(Request request, String object, String externalIdField) throws IOException {
    SObjectSchema s = ctx.org().catalog().object(object);
    if (s == null) {
      throw ApiException.notFound();
    }
    FieldDef ext = s.field(externalIdField);
    if (ext == null || !(ext.externalId() || ext.name().equals(SObjectSchema.ID))) {
      throw ApiException.badRequest(
          "INVALID_FIELD",
          "Field " + externalIdField + " is not an external id field on " + s.name());
    }
    List<RecordBody> records = new ArrayList<>();
    boolean allOrNone = parseBody(request.bodyBytes(), records);
    checkCount(records.size());
    List<DmlOperation> ops = new ArrayList<>();
    for (RecordBody body : records) {
      SObjectSchema type;
      try {
        type = schema(body);
      } catch (DmlException e) {
        ops.add(DmlOperation.refused(null, e));
        continue;
      }
      if (!type.name().equals(s.name())) {
        ops.add(
            DmlOperation.refused(
                null,
                new DmlException(
                    "INVALID_TYPE",
                    "The record type " + type.name() + " does not match " + s.name())));
        continue;
      }
      ops.add(DmlOperation.upsert(s.name(), ext.name(), body.fields(s, null)));
    }
    run(request, ops, allOrNone, true);
  }

  private DmlOperation createOperation(RecordBody body) {
    SObjectSchema s;
    try {
      s = schema(body);
    } catch (DmlException e) {
      return DmlOperation.refused(null, e);
    }
    // Values are read even so: one that cannot be read fails the whole request.
    Map<String, Object> fields = body.fields(s, null);
    if (body.raw(SObjectSchema.ID) != null) {
      return DmlOperation.refused(
          null,
          new DmlException(
              "INVALID_FIELD", "cannot specify Id in an insert call", List.of(SObjectSchema.ID)));
    }
    return DmlOperation.insert(s.name(), fields);
  }

  private DmlOperation updateOperation(RecordBody body) {
    Object raw = body.raw(SObjectSchema.ID);
    String id = raw == null ? null : raw.toString();
    SObjectSchema s;
    try {
      s = schema(body);
    } catch (DmlException e) {
      return DmlOperation.refused(id, e);
    }
    return DmlOperation.update(s.name(), id, body.fields(s, SObjectSchema.ID));
  }

  /** The record's object, from its {@code attributes.type}. */
  private SObjectSchema schema(RecordBody body) {
    if (body.type() == null) {
      throw new DmlException("INVALID_TYPE", "Must send a concrete entity type.");
    }
    SObjectSchema s = ctx.org().catalog().object(body.type());
    if (s == null) {
      throw new DmlException(
          "INVALID_TYPE", "sObject type '" + body.type() + "' is not supported.");
    }
    return s;
  }

  private void run(Request request, List<DmlOperation> ops, boolean allOrNone) throws IOException {
    run(request, ops, allOrNone, false);
  }

  private void run(Request request, List<DmlOperation> ops, boolean allOrNone, boolean upsert)
      throws IOException {
    List<DmlResult> results = ctx.org().write(ops, allOrNone, request.session().userId());
    ArrayNode out = Responses.JSON.createArrayNode();
    for (DmlResult r : results) {
      ObjectNode o = out.addObject();
      if (r.success()) {
        o.put("id", r.id());
        o.put("success", true);
        o.putArray("errors");
        if (upsert) {
          o.put("created", r.created());
        }
        continue;
      }
      DmlException e = r.errors().get(0);
      o.put("success", false);
      ObjectNode err = o.putArray("errors").addObject();
      err.put("statusCode", e.statusCode());
      err.put("message", e.getMessage());
      ArrayNode fields = err.putArray("fields");
      e.fields().forEach(fields::add);
      if (upsert) {
        o.put("created", false);
      }
    }
    Responses.json(request.exchange(), 200, out);
  }

  /** {@code GET composite/sobjects/X?ids=..&fields=..}: records in Id order, null where missing. */
  private void retrieve(Request request, ResourcePath path, String object) throws IOException {
    HttpMethods.require(request, "GET");
    SObjectSchema s = ctx.org().catalog().object(object);
    if (s == null) {
      throw ApiException.notFound();
    }
    String ids = request.param("ids");
    String fieldList = request.param("fields");
    if (ids == null || ids.isBlank() || fieldList == null || fieldList.isBlank()) {
      throw ApiException.badRequest(
          "MISSING_ARGUMENT", "ids and fields: both parameters are required");
    }
    List<String> list = Arrays.stream(ids.split(",")).map(String::trim).toList();
    if (list.size() > MAX_RETRIEVE_IDS) {
      throw ApiException.badRequest(
          "EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than " + MAX_RETRIEVE_IDS + " records");
    }
    for (String id : list) {
      if (SalesforceId.normalize(id) == null) {
        throw ApiException.badRequest("MALFORMED_ID", "malformed id " + id);
      }
    }
    List<FieldDef> fields = RecordResource.selectedFields(s, fieldList);
    ObjectTable t = ctx.org().table(s.name());
    String base = path.base();
    JsonOut.stream(
        request.exchange(),
        200,
        g -> {
          g.writeStartArray();
          for (String id : list) {
            int row = t.rowOf(id);
            if (!t.isLive(row)) {
              g.writeNull();
              continue;
            }
            String rid = t.id(row);
            g.writeStartObject();
            RecordJson.attributes(g, base, s.name(), rid);
            for (FieldDef f : fields) {
              RecordJson.value(g, base, s.name(), rid, f.name(), t.value(row, f.name()));
            }
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  private static void checkCount(int n) {
    if (n > MAX_RECORDS) {
      throw ApiException.badRequest(
          "EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than "
              + MAX_RECORDS
              + " records into this call");
    }
  }

  /** Reads {@code {"allOrNone":..,"records":[..]}}; returns allOrNone. */
  private static boolean parseBody(byte[] body, List<RecordBody> records) {
    boolean allOrNone = false;
    boolean sawRecords = false;
    try (JsonParser p = Responses.JSON.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw RecordBody.parserError(
            first == null
                ? "No content to map due to end-of-input"
                : "Cannot deserialize instance of SObjectCollection from " + first,
            p.currentTokenLocation());
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "allOrNone" -> {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
              throw RecordBody.parserError(
                  "Cannot deserialize instance of boolean from " + value + " value " + p.getText(),
                  p.currentTokenLocation());
            }
            allOrNone = value == JsonToken.VALUE_TRUE;
          }
          case "records" -> {
            if (value != JsonToken.START_ARRAY) {
              throw RecordBody.parserError(
                  "Cannot deserialize instance of List from " + value, p.currentTokenLocation());
            }
            sawRecords = true;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
              if (t != JsonToken.START_OBJECT) {
                throw RecordBody.parserError(
                    "Cannot deserialize instance of SObject from " + t, p.currentTokenLocation());
              }
              records.add(RecordBody.read(p));
            }
          }
          default ->
              throw RecordBody.parserError(
                  "Unrecognized field \"" + name + "\"", p.currentTokenLocation());
        }
      }
    } catch (JsonProcessingException e) {
      throw RecordBody.parserError(e);
    } catch (IOException e) {
      throw RecordBody.parserError("Unreadable request body", null);
    }
    if (!sawRecords) {
      throw RecordBody.parserError("Missing required field \"records\"", null);
    }
    return allOrNone;
  }
}
