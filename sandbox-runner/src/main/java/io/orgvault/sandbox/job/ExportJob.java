package io.orgvault.sandbox.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.export.BackupZipExport;
import io.orgvault.engine.export.CsvExport;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.ExportSettings;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.JobOutput;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * An {@code export} job: the engine's CSV of one object as of a backup, of a comparison, or its zip
 * of a whole backup, streamed into a new file of the volume's exports directory ({@link
 * ExportFile}). Progress goes out as {@code export-progress} lines ({@code bytes} so far); the
 * result names the file with its rows, bytes and SHA-256, so the host can check what it serves.
 */
final class ExportJob {
  static final String PROGRESS = "export-progress";

  /** A progress line per this many bytes written. */
  static final long PROGRESS_EVERY_BYTES = 8L * 1024 * 1024;

  /** Write buffer between the engine's writers and the file. */
  static final int BUFFER_BYTES = 64 * 1024;

  private final RecordStore store;
  private final Path volume;
  private final ExportSettings settings;
  private final JobOutput output;

  ExportJob(RecordStore store, Path volume, ExportSettings settings, JobOutput output) {
    this.store = store;
    this.volume = volume;
    this.settings = settings;
    this.output = output;
  }

  int run() throws IOException {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    // Checks that need the store come first, so a bad request creates no file.
    Long backup = settings.source() == ExportSettings.Source.COMPARE ? null : backup();
    Comparison comparison =
        settings.source() == ExportSettings.Source.COMPARE
            ? Comparison.between(store, settings.from(), settings.to())
            : null;
    if (settings.source() == ExportSettings.Source.OBJECT) {
      store.snapshot(backup).schema(settings.object()); // an unknown object fails here
    }
    try (ExportFile file = ExportFile.create(volume, settings.file())) {
      Counting counting;
      try (OutputStream raw = file.open();
          Counting c = new Counting(raw);
          OutputStream out = new BufferedOutputStream(c, BUFFER_BYTES)) {
        counting = c;
        switch (settings.source()) {
          case OBJECT -> {
            long rows = CsvExport.object(store.snapshot(backup), settings.object(), out);
            result.put("backup", backup).put("object", settings.object()).put("rows", rows);
          }
          case COMPARE -> {
            long rows = CsvExport.comparison(comparison, filter(), out);
            result.put("from", comparison.from()).put("to", comparison.to()).put("rows", rows);
          }
          case BACKUP -> {
            BackupZipExport.Result r = BackupZipExport.write(store, backup, out);
            result
                .put("backup", backup)
                .put("rows", r.records())
                .put("bodies", r.bodies())
                .put("bodyBytes", r.bodyBytes());
          }
        }
      }
      file.publish();
      result
          .put("source", settings.source().wireName())
          .put("file", file.name())
          .put("path", ExportSettings.EXPORTS_DIR + "/" + file.name())
          .put("bytes", counting.bytes)
          .put("sha256", HexFormat.of().formatHex(counting.digest.digest()));
    }
    output.result(JobKind.EXPORT, result, ExitCodes.OK);
    return ExitCodes.OK;
  }

  private long backup() {
    if (settings.backup() != null) {
      if (!store.backups().contains(settings.backup())) {
        throw new IllegalArgumentException("no backup " + settings.backup() + " in this store");
      }
      return settings.backup();
    }
    return store
        .latestBackup()
        .orElseThrow(() -> new IllegalArgumentException("the store holds no backup yet"));
  }

  private CompareFilter filter() {
    Set<ChangeKind> kinds = new LinkedHashSet<>();
    settings.kinds().forEach(k -> kinds.add(ChangeKind.valueOf(k.toUpperCase(Locale.ROOT))));
    return new CompareFilter(settings.objects(), kinds, settings.fields());
  }

  /** Counts and hashes what reaches the file, and reports progress. */
  private final class Counting extends FilterOutputStream {
    final MessageDigest digest;
    long bytes;
    long nextReport = PROGRESS_EVERY_BYTES;

    Counting(OutputStream out) {
      super(out);
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      digest.update((byte) b);
      counted(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      digest.update(b, off, len);
      counted(len);
    }

    private void counted(int n) {
      bytes += n;
      if (bytes >= nextReport) {
        nextReport = bytes + PROGRESS_EVERY_BYTES;
        output.write(output.newMessage(PROGRESS).put("file", settings.file()).put("bytes", bytes));
      }
    }
  }
}
