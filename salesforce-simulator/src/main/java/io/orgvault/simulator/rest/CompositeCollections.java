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
import io.orgvault.simulator.org.DmlResult;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.org.SalesforceId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sObject Collections, {@code /composite/sobjects}: create (POST), update (PATCH) and delete
 * (DELETE {@code ?ids=}) up to 200 records of any types in one call, and retrieve (GET {@code
 * /composite/sobjects/X?ids=&fields=}). Results come back in input order. With {@code
 * allOrNone=true} a single failure writes nothing: every record is checked before any is written,
 * and should a write still fail, the ones already made are undone; the other records then report
 * {@code ALL_OR_NONE_OPERATION_ROLLED_BACK}.
 */
final class CompositeCollections {
  static final int MAX_RECORDS = 200;
  static final int MAX_RETRIEVE_IDS = 2000;
  static final String ROLLED_BACK =
      "Record rolled back because not all records were valid and the request was using"
          + " AllOrNone header";

  private final SimulatorContext ctx;

  CompositeCollections(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  private enum Operation {
    CREATE,
    UPDATE,
    DELETE
  }

  /** One record of a request: what to write, or why it cannot be written. */
  private static final class Item {
    SObjectSchema schema;
    String id;
    Map<String, Object> fields = Map.of();
    DmlException error;

    /** Old values of the updated fields, to undo an update. */
    Map<String, Object> before;

    boolean written;
  }

  void handle(Request request, ResourcePath path) throws IOException {
    if (path.size() == 3) {
      retrieve(request, path, path.get(2));
      return;
    }
    if (path.size() != 2) {
      throw ApiException.notFound();
    }
    HttpMethods.require(request, "POST", "PATCH", "DELETE");
    switch (request.method()) {
      case "POST" -> write(request, Operation.CREATE);
      case "PATCH" -> write(request, Operation.UPDATE);
      default -> delete(request);
    }
  }

  private void write(Request request, Operation op) throws IOException {
    List<RecordBody> records = new ArrayList<>();
    boolean allOrNone = parseBody(request.bodyBytes(), records);
    checkCount(records.size());
    List<Item> items = new ArrayList<>();
    for (RecordBody body : records) {
      items.add(op == Operation.CREATE ? createItem(body) : updateItem(body));
    }
    run(request, op, items, allOrNone);
  }

  private void delete(Request request) throws IOException {
    String ids = request.param("ids");
    if (ids == null || ids.isBlank()) {
      throw ApiException.badRequest("MISSING_ARGUMENT", "ids: the parameter is required");
    }
    List<String> list = Arrays.stream(ids.split(",")).map(String::trim).toList();
    checkCount(list.size());
    List<Item> items = new ArrayList<>();
    for (String id : list) {
      Item item = new Item();
      item.id = id;
      items.add(item);
    }
    run(request, Operation.DELETE, items, "true".equalsIgnoreCase(request.param("allOrNone")));
  }

  private Item createItem(RecordBody body) {
    Item item = new Item();
    item.schema = schema(body, item);
    if (item.schema == null) {
      return item;
    }
    item.fields = body.fields(item.schema, null);
    if (body.raw(SObjectSchema.ID) != null) {
      item.error =
          new DmlException(
              "INVALID_FIELD", "cannot specify Id in an insert call", List.of(SObjectSchema.ID));
    }
    return item;
  }

  private Item updateItem(RecordBody body) {
    Item item = new Item();
    item.schema = schema(body, item);
    Object id = body.raw(SObjectSchema.ID);
    item.id = id == null ? null : id.toString();
    if (item.schema != null) {
      item.fields = body.fields(item.schema, SObjectSchema.ID);
    }
    return item;
  }

  private SObjectSchema schema(RecordBody body, Item item) {
    if (body.type() == null) {
      item.error = new DmlException("INVALID_TYPE", "Must send a concrete entity type.");
      return null;
    }
    SObjectSchema s = ctx.org().catalog().object(body.type());
    if (s == null) {
      item.error =
          new DmlException("INVALID_TYPE", "sObject type '" + body.type() + "' is not supported.");
    }
    return s;
  }

  private void run(Request request, Operation op, List<Item> items, boolean allOrNone)
      throws IOException {
    Org org = ctx.org();
    String userId = request.session().userId();
    if (allOrNone) {
      DmlPrecheck check = new DmlPrecheck(org);
      for (Item item : items) {
        if (item.error == null) {
          item.error =
              switch (op) {
                case CREATE -> check.insert(item.schema, item.fields);
                case UPDATE -> check.update(item.schema.name(), item.id, item.fields);
                case DELETE -> check.delete(item.id);
              };
        }
      }
      if (items.stream().anyMatch(i -> i.error != null)) {
        respond(request, items, true);
        return;
      }
    }
    for (Item item : items) {
      if (item.error != null) {
        continue;
      }
      DmlResult r =
          switch (op) {
            case CREATE -> org.insert(item.schema.name(), item.fields, userId);
            case UPDATE -> {
              item.before = oldValues(item);
              yield org.update(item.schema.name(), item.id, item.fields, userId);
            }
            case DELETE -> org.delete(item.id, userId);
          };
      if (r.success()) {
        item.id = r.id();
        item.written = true;
      } else {
        item.error = r.errors().get(0);
        if (allOrNone) {
          undo(op, items, userId);
          break;
        }
      }
    }
    respond(request, items, allOrNone);
  }

  /** Undoes the writes already made, newest first, after a write failed under allOrNone. */
  private void undo(Operation op, List<Item> items, String userId) {
    Org org = ctx.org();
    for (int i = items.size() - 1; i >= 0; i--) {
      Item item = items.get(i);
      if (!item.written) {
        continue;
      }
      switch (op) {
        case CREATE -> {
          org.delete(item.id, userId);
          org.purge(item.id);
        }
        case UPDATE -> org.update(item.schema.name(), item.id, item.before, userId);
        case DELETE -> org.undelete(item.id, userId);
      }
      item.written = false;
    }
  }

  private Map<String, Object> oldValues(Item item) {
    Map<String, Object> old = new LinkedHashMap<>();
    Org.RowRef ref = item.id == null ? null : ctx.org().find(item.id);
    if (ref == null) {
      return old;
    }
    for (String name : item.fields.keySet()) {
      FieldDef f = ref.table().schema().field(name);
      if (f != null && !f.name().equals(SObjectSchema.ID)) {
        old.put(f.name(), ref.table().value(ref.row(), f.name()));
      }
    }
    return old;
  }

  private void respond(Request request, List<Item> items, boolean allOrNone) throws IOException {
    boolean failed = items.stream().anyMatch(i -> i.error != null);
    ArrayNode out = Responses.JSON.createArrayNode();
    for (Item item : items) {
      ObjectNode o = out.addObject();
      if (item.error == null && !(allOrNone && failed)) {
        o.put("id", item.id);
        o.put("success", true);
        o.putArray("errors");
        continue;
      }
      DmlException e =
          item.error != null
              ? item.error
              : new DmlException("ALL_OR_NONE_OPERATION_ROLLED_BACK", ROLLED_BACK);
      o.put("success", false);
      ObjectNode err = o.putArray("errors").addObject();
      err.put("statusCode", e.statusCode());
      err.put("message", e.getMessage());
      ArrayNode fields = err.putArray("fields");
      e.fields().forEach(fields::add);
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
