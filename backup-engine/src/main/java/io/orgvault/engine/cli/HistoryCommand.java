package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.browse.AsOfVersion;
import io.orgvault.engine.browse.HistoryVersion;
import io.orgvault.engine.browse.RecordHistory;
import io.orgvault.engine.compare.FieldChange;
import io.orgvault.engine.store.RecordStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orgvault-engine history --object O --id X}: one {@code version} line per recorded version,
 * oldest first; with {@code --as-of}, one {@code as-of} line. Exit 3 when the record has no version
 * (or is not live at that date).
 */
@Command(name = "history", description = "Every version of one record, or the record as of a date.")
final class HistoryCommand implements Callable<Integer> {
  static final int NOT_FOUND = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  @Option(names = "--object", required = true, description = "The object's API name.")
  String object;

  @Option(names = "--id", required = true, description = "The record's 18-character Id.")
  String id;

  @Option(names = "--as-of", description = "An ISO-8601 instant, e.g. 2025-01-01T00:00:00Z.")
  Instant asOf;

  private final EngineMain.Streams io;

  HistoryCommand(EngineMain.Streams io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    int exit = 0;
    try (RecordStore s = store.open()) {
      RecordHistory h = new RecordHistory(s);
      if (asOf != null) {
        AsOfVersion v = h.asOf(object, id, asOf);
        ObjectNode n = JSON.createObjectNode().put("type", "as-of");
        n.put("backup", v.backup()).put("backupTime", v.backupTime().toString());
        n.put("found", v.version().isPresent());
        v.version().ifPresent(r -> n.set("record", ValueJson.record("record", r)));
        io.out().println(n);
        exit = v.version().isPresent() ? 0 : NOT_FOUND;
      } else {
        List<HistoryVersion> versions = h.versions(object, id);
        for (HistoryVersion v : versions) {
          ObjectNode n = JSON.createObjectNode().put("type", "version");
          n.put("backup", v.backup());
          n.put("backupTime", v.backupTime().map(Instant::toString).orElse(null));
          n.put("kind", v.kind().name());
          n.put("lastModifiedById", v.lastModifiedById());
          n.put(
              "lastModifiedDate",
              v.lastModifiedDate() == null ? null : v.lastModifiedDate().toString());
          ArrayNode changes = n.putArray("changes");
          for (FieldChange f : v.changes()) {
            ObjectNode x = changes.addObject().put("field", f.field());
            x.set("old", ValueJson.value(f.oldValue()));
            x.set("new", ValueJson.value(f.newValue()));
          }
          n.set("fields", ValueJson.fields(v.version()));
          io.out().println(n);
        }
        exit = versions.isEmpty() ? NOT_FOUND : 0;
      }
    }
    io.out().flush();
    return exit;
  }
}
