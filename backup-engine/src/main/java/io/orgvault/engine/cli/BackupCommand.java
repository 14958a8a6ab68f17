package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.backup.BackupJob;
import io.orgvault.engine.backup.BackupOptions;
import io.orgvault.engine.backup.BackupResult;
import io.orgvault.engine.backup.JsonLinesProgress;
import io.orgvault.engine.backup.ObjectOutcome;
import io.orgvault.engine.backup.SkippedObject;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.StoreOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orgvault-engine backup}: one backup run. Progress events and then the result go to
 * standard output as JSON lines; the secrets come from standard input.
 */
@Command(
    name = "backup",
    description = "Back up an org into the store (secrets as JSON on standard input).")
final class BackupCommand implements Callable<Integer> {
  static final int STOPPED = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  @Mixin ConnectionOptions connection;

  @Option(names = "--include", split = ",", description = "Objects to back up (default: all).")
  List<String> include = List.of();

  @Option(names = "--exclude", split = ",", description = "Objects never backed up.")
  List<String> exclude = List.of();

  @Option(names = "--overlap-minutes", defaultValue = "5", description = "Incremental overlap.")
  long overlapMinutes;

  @Option(
      names = "--bulk-threshold",
      defaultValue = "10000",
      description = "Records from which an object goes through Bulk API 2.0.")
  long bulkThreshold;

  @Option(
      names = "--buffer-bytes",
      defaultValue = "67108864",
      description =
          "Rows held in memory before sorted segments are written: the whole run's budget,"
              + " shared by the objects extracted at once.")
  long bufferBytes;

  @Option(
      names = "--pending-max-age-hours",
      defaultValue = "168",
      description = "A pending backup older than this is abandoned, not continued.")
  long pendingMaxAgeHours;

  @Option(
      names = "--parallelism",
      defaultValue = "" + BackupOptions.DEFAULT_PARALLELISM,
      description = "Objects extracted at once.")
  int parallelism;

  @Option(
      names = "--body-downloads",
      defaultValue = "" + BackupOptions.DEFAULT_BODY_DOWNLOADS,
      description = "File bodies read at once.")
  int bodyDownloads;

  private final EngineMain.Streams io;

  BackupCommand(EngineMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws Exception {
    SalesforceClient client = connection.connect(io.in(), b -> b.bulkThreshold(bulkThreshold));
    BackupOptions backupOptions =
        new BackupOptions(
            new HashSet<>(include),
            new HashSet<>(exclude),
            Duration.ofMinutes(overlapMinutes),
            Duration.ofHours(pendingMaxAgeHours),
            parallelism,
            bodyDownloads);
    BackupResult r;
    try (RecordStore s = store.openOrCreate(StoreOptions.defaults().withBufferBytes(bufferBytes))) {
      r =
          new BackupJob(client, s, connection.orgId, backupOptions, new JsonLinesProgress(io.out()))
              .run();
    }
    io.out().println(summary(r));
    io.out().flush();
    return r.committed() ? 0 : STOPPED;
  }

  static String summary(BackupResult r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "backup-result");
    n.put("committed", r.committed());
    if (r.committed()) {
      n.put("backup", r.backupNumber().getAsLong());
    }
    n.put("rowsWritten", r.rowsWritten());
    n.put("tombstones", r.tombstones());
    n.put("apiCallsUsed", r.apiCallsUsed());
    if (r.stopReason() != null) {
      n.put("stopReason", r.stopReason());
    }
    n.put("pending", r.pending());
    if (r.pending()) {
      n.put("detail", BackupJob.PENDING_NOTE);
    }
    var objects = n.putArray("objects");
    for (ObjectOutcome o : r.objects()) {
      ObjectNode on = objects.addObject();
      on.put("object", o.object());
      on.put("full", o.full());
      on.put("method", o.method());
      on.put("rowsRead", o.rowsRead());
      on.put("rowsWritten", o.rowsWritten());
      on.put("tombstones", o.tombstones());
      on.put("blobs", o.blobs());
      on.put("blobBytes", o.blobBytes());
      if (!o.schemaChange().isEmpty()) {
        on.put("schemaChange", o.schemaChange().toString());
      }
    }
    var skipped = n.putArray("skipped");
    for (SkippedObject s : r.skipped()) {
      skipped.addObject().put("object", s.object()).put("reason", s.reason());
    }
    return n.toString();
  }
}
