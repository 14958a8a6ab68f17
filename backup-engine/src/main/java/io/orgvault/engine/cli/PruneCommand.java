package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.store.GcReport;
import io.orgvault.engine.store.PruneOptions;
import io.orgvault.engine.store.PruneReport;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orgvault-engine prune}: retention (when a {@code --keep-*} option is given), compaction
 * (with {@code --compact}), then garbage collection of what no kept backup references. Prints one
 * {@code prune-result} JSON line: kept backups with the reasons, dropped backups, merges, files
 * removed and bytes freed. {@code --dry-run} prints the same from a plan and changes nothing.
 */
@Command(
    name = "prune",
    description =
        "Drop backups the retention policy does not keep, compact small segments, remove files"
            + " no kept backup references.")
final class PruneCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  @Option(
      names = "--keep-daily",
      description = "Keep the newest backup of each of the last N days (UTC) that have one.")
  Integer keepDaily;

  @Option(
      names = "--keep-monthly",
      description = "Keep the newest backup of each of the last M months that have one.")
  Integer keepMonthly;

  @Option(names = "--keep-last", description = "Keep the K newest backups.")
  Integer keepLast;

  @Option(names = "--compact", description = "Merge small segments within kept intervals.")
  boolean compact;

  @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
  boolean dryRun;

  private final EngineMain.Streams io;

  PruneCommand(EngineMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    RetentionPolicy policy =
        keepDaily == null && keepMonthly == null && keepLast == null
            ? null // no --keep-* option: every backup stays
            : new RetentionPolicy(orZero(keepDaily), orZero(keepMonthly), orZero(keepLast));
    PruneReport r;
    try (RecordStore s = store.open()) {
      r = s.prune(new PruneOptions(policy, compact, dryRun));
    }
    io.out().println(json(r));
    io.out().flush();
    return 0;
  }

  private static int orZero(Integer n) {
    return n == null ? 0 : n;
  }

  static ObjectNode json(PruneReport r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "prune-result");
    n.put("dryRun", r.dryRun());
    ArrayNode kept = n.putArray("kept");
    for (Map.Entry<Long, List<String>> e : r.kept().entrySet()) {
      ObjectNode k = kept.addObject().put("backup", e.getKey());
      e.getValue().forEach(k.putArray("reasons")::add);
    }
    r.dropped().forEach(n.putArray("dropped")::add);
    ArrayNode compactions = n.putArray("compactions");
    for (PruneReport.Compaction c : r.compactions()) {
      compactions
          .addObject()
          .put("object", c.object())
          .put("fromBackup", c.fromBackup())
          .put("toBackup", c.toBackup())
          .put("inputSegments", c.inputSegments())
          .put("inputBytes", c.inputBytes())
          .put("outputSegments", c.outputSegments())
          .put("outputBytes", c.outputBytes());
    }
    GcReport gc = r.gc();
    n.put("tempFiles", gc.tempFiles());
    n.put("manifests", gc.manifests());
    n.put("segments", gc.segments());
    n.put("chunks", gc.chunks());
    long written = r.compactions().stream().mapToLong(PruneReport.Compaction::outputBytes).sum();
    n.put("bytesRemoved", gc.bytes());
    n.put("bytesWritten", written);
    n.put("bytesFreed", gc.bytes() - written);
    if (r.pruneRecord() > 0) {
      n.put("pruneRecord", r.pruneRecord());
    }
    return n;
  }
}
