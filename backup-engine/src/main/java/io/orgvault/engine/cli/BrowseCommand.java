package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.browse.BackupBrowser;
import io.orgvault.engine.browse.ObjectCount;
import io.orgvault.engine.browse.RecordPage;
import io.orgvault.engine.browse.RelatedRecord;
import io.orgvault.engine.browse.RelatedRecords;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orgvault-engine browse --backup N}: without {@code --object}, one {@code object} line per
 * object with its record count; with it, one {@code record} line per record of the page and a
 * {@code browse-page} line with the next cursor. {@code --id}, {@code --where FIELD=VALUE} and
 * {@code --search TEXT} narrow the listing; {@code --id X --related} adds {@code parent} and {@code
 * child} lines. Exit 3 when {@code --id} finds nothing.
 */
@Command(name = "browse", description = "Objects of a backup, and their records, a page at a time.")
final class BrowseCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  @Option(names = "--backup", required = true, description = "The backup number.")
  long backup;

  @Option(names = "--object", description = "List this object's records.")
  String object;

  @Option(names = "--id", description = "Only the record with this Id.")
  String id;

  @Option(
      names = "--related",
      description = "With --id: also its parents and children (parent and child lines).")
  boolean related;

  @Option(names = "--where", description = "FIELD=VALUE: records whose field has this value.")
  String where;

  @Option(names = "--search", description = "Text in a name- or email-like field.")
  String search;

  @Option(names = "--cursor", description = "Continue after the page that returned this cursor.")
  String cursor;

  @Option(names = "--limit", description = "Records per page (1..1000, default 100).")
  int limit = CompareCommand.DEFAULT_PAGE;

  private final EngineMain.Streams io;

  BrowseCommand(EngineMain.Streams io) {
    this.io = io;
  }

  private static ObjectNode relation(String type, RelatedRecord r) {
    return JSON.createObjectNode()
        .put("type", type)
        .put("field", r.field())
        .put("object", r.object())
        .put("id", r.id())
        .put("inBackup", r.inBackup());
  }

  @Override
  public Integer call() {
    int exit = 0;
    try (RecordStore s = store.open()) {
      BackupBrowser b = new BackupBrowser(s, backup);
      if (object == null) {
        for (ObjectCount o : b.objects()) {
          io.out()
              .println(
                  JSON.createObjectNode()
                      .put("type", "object")
                      .put("object", o.object())
                      .put("records", o.records())
                      .put("fields", o.fields()));
        }
      } else if (id != null) {
        Optional<RecordVersion> v = b.get(object, id);
        v.ifPresent(r -> io.out().println(ValueJson.record("record", r)));
        if (related && v.isPresent()) {
          RelatedRecords rel = new RelatedRecords(s, backup);
          for (RelatedRecord p : rel.parents(object, id)) {
            io.out().println(relation("parent", p));
          }
          for (RelatedRecord c : rel.children(id)) {
            io.out().println(relation("child", c));
          }
        }
        exit = v.isPresent() ? 0 : HistoryCommand.NOT_FOUND;
      } else {
        RecordPage page;
        if (where != null) {
          int eq = where.indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException("--where needs FIELD=VALUE");
          }
          page =
              b.whereEquals(object, where.substring(0, eq), where.substring(eq + 1), cursor, limit);
        } else if (search != null) {
          page = b.search(object, search, cursor, limit);
        } else {
          page = b.records(object, cursor, limit);
        }
        page.records().forEach(r -> io.out().println(ValueJson.record("record", r)));
        ObjectNode end = JSON.createObjectNode().put("type", "browse-page");
        end.put("records", page.records().size());
        end.put("nextCursor", page.nextCursor().orElse(null));
        io.out().println(end);
      }
    }
    io.out().flush();
    return exit;
  }
}
