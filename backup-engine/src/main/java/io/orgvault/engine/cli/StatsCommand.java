package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orgvault.engine.store.Manifest;
import io.orgvault.engine.store.PendingBackup;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code orgvault-engine stats}: one JSON line per committed backup: its objects, the versions it
 * wrote (rows and tombstones) and the segment bytes it added; then, when a run stopped and left a
 * pending backup, one line for it.
 */
@Command(name = "stats", description = "Per backup: objects, rows written, bytes added.")
final class StatsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  private final EngineMain.Streams io;

  StatsCommand(EngineMain.Streams io) {
    this.io = io;
  }

  private void pending(RecordStore s) {
    var n = JSON.createObjectNode().put("type", "pending-backup");
    try {
      var found = s.pendingBackup();
      if (found.isEmpty()) {
        return;
      }
      PendingBackup p = found.get();
      long complete = p.objects().stream().filter(PendingBackup.PendingObject::complete).count();
      n.put("backup", p.backupNumber())
          .put("createdAt", p.createdAt().toString())
          .put("updatedAt", p.updatedAt().toString())
          .put("runs", p.runs())
          .put("objectsComplete", complete)
          .put("objectsInProgress", p.objects().size() - complete)
          .put("rows", p.rows())
          .put("bytes", p.bytes());
    } catch (StoreException e) {
      n.put("error", e.getMessage()); // the next backup abandons it and starts again
    }
    io.out().println(n);
  }

  @Override
  public Integer call() {
    try (RecordStore s = store.open()) {
      for (long n : s.backups()) {
        Manifest m = s.manifest(n);
        Manifest.Totals t = m.totals();
        io.out()
            .println(
                JSON.createObjectNode()
                    .put("type", "backup-stats")
                    .put("backup", n)
                    .put("createdAt", m.createdAt().toString())
                    .put("objects", m.objects().size())
                    .put("rows", t.rows())
                    .put("tombstones", t.tombstones())
                    .put("bytes", t.bytes()));
      }
      pending(s);
    }
    io.out().flush();
    return 0;
  }
}
