package io.orgvault.simulator.soap;

import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.org.SalesforceId;
import io.orgvault.simulator.soql.Column;
import io.orgvault.simulator.soql.QueryResult.ParentRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code retrieve(fieldList, sObjectType, ids)}: one result per Id in request order, the record's
 * own fields only, and a nil result for an Id with no live record.
 */
final class RetrieveCall {
  static final int MAX_IDS = 2000;

  private RetrieveCall() {}

  static void retrieve(SoapCall call) throws IOException {
    XmlNode op = call.operation();
    String type = op.childText("sObjectType");
    SObjectSchema schema = type == null ? null : call.ctx().org().catalog().object(type.trim());
    if (schema == null) {
      throw SoapFault.invalidType(type == null ? "" : type.trim());
    }
    List<Column> columns = columns(schema, op.childText("fieldList"));
    List<XmlNode> idNodes = op.children("ids");
    if (idNodes.size() > MAX_IDS) {
      throw SoapFault.unexpected(
          "EXCEEDED_ID_LIMIT", "retrieve accepts at most " + MAX_IDS + " ids");
    }
    List<String> ids = new ArrayList<>();
    for (XmlNode n : idNodes) {
      String id = n.text() == null ? "" : n.text().trim();
      if (SalesforceId.normalize(id) == null) {
        throw SoapFault.of(SoapFault.Type.INVALID_ID, "MALFORMED_ID", "malformed id " + id);
      }
      ids.add(id);
    }
    ObjectTable t = call.ctx().org().table(schema.name());
    RecordShape shape = RecordShape.of(columns);
    SoapWriter w = call.respond("retrieveResponse");
    for (String id : ids) {
      int row = t.rowOf(id);
      if (row < 0 || !t.isLive(row)) {
        w.element("result", null);
        continue;
      }
      RecordWriter.Values values =
          new RecordWriter.Values() {
            @Override
            public Object value(Column column) {
              return t.value(row, column.field());
            }

            @Override
            public ParentRef parent(List<String> relationships) {
              return null;
            }
          };
      RecordWriter.write(w, "result", schema, shape, values, t.id(row));
    }
    call.finish();
  }

  /** The fields of a comma-separated list, with the names describe spells. */
  private static List<Column> columns(SObjectSchema schema, String fieldList) {
    List<Column> columns = new ArrayList<>();
    if (fieldList != null) {
      for (String name : fieldList.split(",")) {
        String n = name.trim();
        if (n.isEmpty()) {
          continue;
        }
        FieldDef f = schema.field(n);
        if (f == null) {
          throw SoapFault.of(
              SoapFault.Type.INVALID_FIELD,
              "INVALID_FIELD",
              "No such column '" + n + "' on entity '" + schema.name() + "'");
        }
        columns.add(new Column(List.of(f.name())));
      }
    }
    if (columns.isEmpty()) {
      throw SoapFault.unexpected("INVALID_FIELD", "fieldList must name at least one field");
    }
    return columns;
  }
}
