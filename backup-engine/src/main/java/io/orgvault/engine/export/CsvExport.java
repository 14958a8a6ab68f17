package io.orgvault.engine.export;

import io.orgvault.engine.compare.ChangeStream;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.FieldChange;
import io.orgvault.engine.compare.RecordChange;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams CSV in Data Loader conventions: one object as of a backup (header = the field API names
 * of that backup's schema, in schema order), or a comparison (one line per changed field). Rows are
 * written as they are read; nothing is held but the current row.
 */
public final class CsvExport {
  /** The header of a comparison export. */
  public static final List<String> COMPARE_HEADER =
      List.of("Object", "Id", "Change", "Field", "OldValue", "NewValue");

  private CsvExport() {}

  /**
   * Writes every live record of {@code object} at the snapshot's backup; returns the record count.
   * A file-body field holds {@link ValueText#bodyPath}, where a backup export puts the body.
   */
  public static long object(Snapshot snapshot, String object, OutputStream out) {
    List<FieldSchema> schema = snapshot.schema(object);
    List<String> header = schema.stream().map(FieldSchema::name).toList();
    long n = 0;
    CsvWriter csv = new CsvWriter(out);
    csv.row(header);
    try (RecordStream rs = snapshot.records(object)) {
      while (rs.hasNext()) {
        RecordVersion v = rs.next();
        List<String> row = new ArrayList<>(header.size());
        for (String f : header) {
          Object value = v.fields().get(f);
          row.add(
              value instanceof BlobRef
                  ? ValueText.bodyPath(object, v.id(), f)
                  : ValueText.text(value));
        }
        csv.row(row);
        n++;
      }
    }
    csv.flush();
    return n;
  }

  /**
   * Writes the changes of a comparison: per changed field a line {@code Object, Id, CHANGED, Field,
   * old, new}; an added or deleted record is one line with the field columns empty. Returns the
   * number of records written.
   */
  public static long comparison(Comparison comparison, CompareFilter filter, OutputStream out) {
    CsvWriter csv = new CsvWriter(out);
    csv.row(COMPARE_HEADER);
    long n = 0;
    try (ChangeStream s = comparison.stream(filter)) {
      while (s.hasNext()) {
        RecordChange c = s.next();
        if (c.fields().isEmpty()) {
          csv.row(List.of(c.object(), c.id(), c.kind().name(), "", "", ""));
        }
        for (FieldChange f : c.fields()) {
          csv.row(
              List.of(
                  c.object(),
                  c.id(),
                  c.kind().name(),
                  f.field(),
                  ValueText.text(f.oldValue()),
                  ValueText.text(f.newValue())));
        }
        n++;
      }
    }
    csv.flush();
    return n;
  }
}
