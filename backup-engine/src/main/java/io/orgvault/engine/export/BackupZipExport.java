package io.orgvault.engine.export;

import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.FieldSchema;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordStream;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A whole backup as a zip, streamed: {@code <Object>.csv} per object (see {@link CsvExport#object})
 * and every file body at {@link ValueText#bodyPath}, the path its CSV cell names. Bodies are read
 * in a second pass over the objects that have file fields, so no list of them is held in memory.
 */
public final class BackupZipExport {
  /** The Salesforce type of file-body fields (stored as blob references). */
  static final String BASE64 = "base64";

  private BackupZipExport() {}

  /** What was written. */
  public record Result(long records, long bodies, long bodyBytes) {}

  public static Result write(RecordStore store, long backup, OutputStream out) {
    Snapshot snapshot = store.snapshot(backup);
    long records = 0;
    long bodies = 0;
    long bodyBytes = 0;
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String object : snapshot.objects()) {
        zip.putNextEntry(new ZipEntry(object + ".csv"));
        records += CsvExport.object(snapshot, object, zip);
        zip.closeEntry();
      }
      for (String object : snapshot.objects()) {
        java.util.List<String> fileFields =
            snapshot.schema(object).stream()
                .filter(f -> f.type().equals(BASE64))
                .map(FieldSchema::name)
                .toList();
        if (fileFields.isEmpty()) {
          continue;
        }
        try (RecordStream rs = snapshot.records(object)) {
          while (rs.hasNext()) {
            RecordVersion v = rs.next();
            for (String f : fileFields) {
              if (v.fields().get(f) instanceof BlobRef ref) {
                zip.putNextEntry(new ZipEntry(ValueText.bodyPath(object, v.id(), f)));
                try (InputStream body = store.openBlob(ref)) {
                  bodyBytes += body.transferTo(zip);
                }
                zip.closeEntry();
                bodies++;
              }
            }
          }
        }
      }
      zip.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(records, bodies, bodyBytes);
  }
}
