package io.orgvault.simulator.soap;

import io.orgvault.simulator.org.DmlException;
import io.orgvault.simulator.org.DmlOperation;
import io.orgvault.simulator.org.DmlResult;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code create}, {@code update}, {@code upsert}, {@code delete} and {@code undelete}. Each record
 * succeeds or fails on its own and gets its own result, in request order, unless the {@code
 * AllOrNoneHeader} asks that one failure fail them all ({@link Org#writeAllOrNone}); a call with
 * more records than the API takes fails as a whole.
 */
final class DmlCalls {
  /** The most records one DML call takes. */
  static final int MAX_RECORDS = 200;

  void create(SoapCall call) throws IOException {
    List<DmlOperation> ops = new ArrayList<>();
    for (SObjectInput in : inputs(call)) {
      Map<String, Object> fields = new LinkedHashMap<>(in.fields());
      if (in.id() != null) {
        fields.put(SObjectSchema.ID, in.id());
      }
      ops.add(
          in.error() != null
              ? DmlOperation.refused(null, in.error())
              : DmlOperation.insert(in.schema().name(), fields));
    }
    writeSaveResults(call, "createResponse", write(call, ops));
  }

  void update(SoapCall call) throws IOException {
    List<DmlOperation> ops = new ArrayList<>();
    for (SObjectInput in : inputs(call)) {
      ops.add(
          in.error() != null
              ? DmlOperation.refused(in.id(), in.error())
              : DmlOperation.update(in.schema().name(), in.id(), in.fields()));
    }
    writeSaveResults(call, "updateResponse", write(call, ops));
  }

  void upsert(SoapCall call) throws IOException {
    String external = call.operation().childText("externalIDFieldName");
    if (external == null || external.isBlank()) {
      throw SoapFault.unexpected("INVALID_FIELD", "externalIDFieldName is required for upsert");
    }
    List<DmlOperation> ops = new ArrayList<>();
    for (SObjectInput in : inputs(call)) {
      Map<String, Object> fields = new LinkedHashMap<>(in.fields());
      if (in.id() != null && external.trim().equalsIgnoreCase(SObjectSchema.ID)) {
        fields.put(SObjectSchema.ID, in.id());
      }
      ops.add(
          in.error() != null
              ? DmlOperation.refused(null, in.error())
              : DmlOperation.upsert(in.schema().name(), external.trim(), fields));
    }
    List<DmlResult> results = write(call, ops);
    SoapWriter w = call.respond("upsertResponse");
    for (DmlResult r : results) {
      w.start("result");
      w.element("created", r.success() && r.created());
      writeErrors(w, r);
      w.element("id", r.success() ? r.id() : null);
      w.element("success", r.success());
      w.end();
    }
    call.finish();
  }

  void delete(SoapCall call) throws IOException {
    List<DmlOperation> ops = ids(call).stream().map(DmlOperation::delete).toList();
    writeIdResults(call, "deleteResponse", write(call, ops));
  }

  void undelete(SoapCall call) throws IOException {
    List<DmlOperation> ops = ids(call).stream().map(DmlOperation::undelete).toList();
    writeIdResults(call, "undeleteResponse", write(call, ops));
  }

  /** Writes the records each on its own, or all or none as the call's header asks. */
  private static List<DmlResult> write(SoapCall call, List<DmlOperation> ops) {
    return call.ctx().org().write(ops, call.envelope().allOrNone(), call.userId());
  }

  private static List<SObjectInput> inputs(SoapCall call) {
    List<XmlNode> nodes = call.operation().children("sObjects");
    checkCount(nodes.size());
    List<SObjectInput> inputs = new ArrayList<>(nodes.size());
    for (XmlNode n : nodes) {
      inputs.add(SObjectInput.read(n, call.ctx().org()));
    }
    return inputs;
  }

  private static List<String> ids(SoapCall call) {
    List<XmlNode> nodes = call.operation().children("ids");
    checkCount(nodes.size());
    List<String> ids = new ArrayList<>(nodes.size());
    for (XmlNode n : nodes) {
      String id = n.text();
      ids.add(id == null ? "" : id.trim());
    }
    return ids;
  }

  private static void checkCount(int n) {
    if (n > MAX_RECORDS) {
      throw SoapFault.unexpected(
          "EXCEEDED_ID_LIMIT",
          "record limit reached. cannot submit more than "
              + MAX_RECORDS
              + " records into this call");
    }
  }

  /** SaveResult: the Id is set only when the record was saved. */
  private static void writeSaveResults(SoapCall call, String element, List<DmlResult> results)
      throws IOException {
    SoapWriter w = call.respond(element);
    for (DmlResult r : results) {
      w.start("result");
      writeErrors(w, r);
      w.element("id", r.success() ? r.id() : null);
      w.element("success", r.success());
      w.end();
    }
    call.finish();
  }

  /** DeleteResult and UndeleteResult name the Id the client asked about, even on failure. */
  private static void writeIdResults(SoapCall call, String element, List<DmlResult> results)
      throws IOException {
    SoapWriter w = call.respond(element);
    for (DmlResult r : results) {
      w.start("result");
      writeErrors(w, r);
      w.element("id", r.id() == null || r.id().isEmpty() ? null : r.id());
      w.element("success", r.success());
      w.end();
    }
    call.finish();
  }

  /** Error: {@code fields}, {@code message}, {@code statusCode}, in the WSDL's order. */
  private static void writeErrors(SoapWriter w, DmlResult r) {
    for (DmlException e : r.errors()) {
      w.start("errors");
      for (String f : e.fields()) {
        w.element("fields", f);
      }
      w.element("message", e.getMessage());
      w.element("statusCode", e.statusCode());
      w.end();
    }
  }
}
