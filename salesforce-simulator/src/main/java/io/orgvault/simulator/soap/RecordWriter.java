package io.orgvault.simulator.soap;

import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.SObjectSchema;
import io.orgvault.simulator.soql.Column;
import io.orgvault.simulator.soql.QueryResult.ParentRef;
import java.util.List;

/**
 * Writes one record as the partner API does: {@code xsi:type="sf:sObject"}, then {@code sf:type},
 * then {@code sf:Id} (nil unless the Id was selected, in which case it appears again among the
 * fields), then the selected fields, with parents as nested sObjects and nulls as {@code xsi:nil}.
 */
final class RecordWriter {
  /** The values of the record being written. */
  interface Values {
    Object value(Column column);

    /** The parent reached through these relationships, or null when a reference is empty. */
    ParentRef parent(List<String> relationships);
  }

  private RecordWriter() {}

  /**
   * Writes a top-level record ({@code <records>} of a query, {@code <result>} of a retrieve), in
   * the partner namespace.
   */
  static void write(
      SoapWriter w, String element, SObjectSchema object, RecordShape shape, Values values) {
    w.start(element).xsiType("sf:sObject");
    body(w, object, shape, values, null);
    w.end();
  }

  /** Writes a record whose Id is known whether or not it was selected, as retrieve returns it. */
  static void write(
      SoapWriter w,
      String element,
      SObjectSchema object,
      RecordShape shape,
      Values values,
      String id) {
    w.start(element).xsiType("sf:sObject");
    body(w, object, shape, values, id);
    w.end();
  }

  private static void body(
      SoapWriter w, SObjectSchema object, RecordShape shape, Values values, String knownId) {
    w.sfElement("type", object.name());
    Column id = shape.idColumn();
    w.sfElement("Id", knownId != null ? knownId : id == null ? null : values.value(id));
    for (RecordShape.Part part : shape.parts()) {
      if (part instanceof RecordShape.Field f) {
        w.sfElement(f.column().field(), FieldValues.toText(values.value(f.column())));
      } else if (part instanceof RecordShape.Parent p) {
        ParentRef ref = values.parent(p.path());
        if (ref == null) {
          w.sfElement(p.relationship(), null);
        } else {
          w.startSf(p.relationship()).xsiType("sf:sObject");
          body(w, ref.object(), p.shape(), values, null);
          w.end();
        }
      }
    }
  }
}
