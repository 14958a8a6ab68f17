package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.compare.ComparePage;
import io.orgvault.engine.compare.Comparison;
import io.orgvault.engine.compare.FieldChange;
import io.orgvault.engine.compare.ObjectSummary;
import io.orgvault.engine.compare.RecordChange;
import io.orgvault.engine.compare.SchemaDiff;
import io.orgvault.engine.store.RecordStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orgvault-engine compare --from A --to B}: without {@code --cursor}, one {@code
 * compare-object} line per object (counts and schema changes); then one {@code change} line per
 * changed record of the page, and a {@code compare-page} line with the cursor of the next page
 * (null on the last).
 */
@Command(
    name = "compare",
    description = "Added, deleted and changed records between two backups, a page at a time.")
final class CompareCommand implements Callable<Integer> {
  static final int DEFAULT_PAGE = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin VolumeOptions store;

  @Option(names = "--from", required = true, description = "The earlier backup A.")
  long from;

  @Option(names = "--to", required = true, description = "The later backup B.")
  long to;

  @Option(names = "--object", split = ",", description = "Only these objects.")
  List<String> objects = List.of();

  @Option(
      names = "--kind",
      split = ",",
      description = "Only these kinds: ${COMPLETION-CANDIDATES}.")
  List<ChangeKind> kinds = List.of();

  @Option(names = "--field", split = ",", description = "Only changed records with these fields.")
  List<String> fields = List.of();

  @Option(names = "--cursor", description = "Continue after the page that returned this cursor.")
  String cursor;

  @Option(names = "--limit", description = "Changes per page (1..1000, default 100).")
  int limit = DEFAULT_PAGE;

  private final EngineMain.Streams io;

  CompareCommand(EngineMain.Streams io) {
    this.io = io;
  }

  CompareFilter filter() {
    return new CompareFilter(new HashSet<>(objects), Set.copyOf(kinds), new HashSet<>(fields));
  }

  @Override
  public Integer call() {
    try (RecordStore s = store.open()) {
      Comparison c = Comparison.between(s, from, to);
      CompareFilter filter = filter();
      if (cursor == null) {
        for (ObjectSummary o : c.summary(filter).objects()) {
          io.out().println(summary(o));
        }
      }
      ComparePage page = c.page(filter, cursor, limit);
      for (RecordChange ch : page.changes()) {
        io.out().println(change(ch));
      }
      ObjectNode end = JSON.createObjectNode().put("type", "compare-page");
      end.put("changes", page.changes().size());
      end.put("nextCursor", page.nextCursor().orElse(null));
      io.out().println(end);
    }
    io.out().flush();
    return 0;
  }

  static ObjectNode summary(ObjectSummary o) {
    ObjectNode n = JSON.createObjectNode().put("type", "compare-object").put("object", o.object());
    n.put("added", o.added()).put("deleted", o.deleted()).put("changed", o.changed());
    SchemaDiff d = o.schema();
    ObjectNode schema = n.putObject("schema");
    schema.put("inFrom", d.inFrom()).put("inTo", d.inTo());
    d.addedFields().forEach(schema.putArray("addedFields")::add);
    d.removedFields().forEach(schema.putArray("removedFields")::add);
    d.typeChangedFields().forEach(schema.putArray("typeChangedFields")::add);
    return n;
  }

  static ObjectNode change(RecordChange ch) {
    ObjectNode n = JSON.createObjectNode().put("type", "change");
    n.put("object", ch.object()).put("id", ch.id()).put("kind", ch.kind().name());
    ArrayNode fields = n.putArray("fields");
    for (FieldChange f : ch.fields()) {
      ObjectNode x = fields.addObject().put("field", f.field());
      x.set("old", ValueJson.value(f.oldValue()));
      x.set("new", ValueJson.value(f.newValue()));
    }
    return n;
  }
}
