package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.compare.ChangeKind;
import io.orgvault.engine.compare.CompareFilter;
import io.orgvault.engine.export.CsvWriter;
import io.orgvault.engine.restore.ConflictPolicy;
import io.orgvault.engine.restore.PlanJson;
import io.orgvault.engine.restore.RestoreExecution;
import io.orgvault.engine.restore.RestoreFiles;
import io.orgvault.engine.restore.RestoreOptions;
import io.orgvault.engine.restore.RestorePlan;
import io.orgvault.engine.restore.RestorePlanner;
import io.orgvault.engine.restore.RestoreReport;
import io.orgvault.engine.restore.RestoreResult;
import io.orgvault.engine.restore.RestoreSelection;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.store.RecordStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code orgvault-engine restore plan|run|results}: plan a restore (nothing written; the plan is
 * printed and sealed in the volume), run a confirmed plan, export its per-record results.
 */
@Command(
    name = "restore",
    description = "Restore backed-up records into Salesforce: plan, run, results.")
final class RestoreCommand {
  static final int STOPPED = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RestoreCommand() {}

  static CommandLine commandLine(EngineMain.Streams io) {
    CommandLine cl = new CommandLine(new RestoreCommand());
    cl.addSubcommand(new Plan(io));
    cl.addSubcommand(new Run(io));
    cl.addSubcommand(new Results(io));
    return cl;
  }

  @Command(
      name = "plan",
      description =
          "Plan a restore (reads the org, writes nothing to it); prints the plan and its restore id.")
  static final class Plan implements Callable<Integer> {
    @Mixin VolumeOptions store;
    @Mixin ConnectionOptions org;

    @Option(names = "--backup", description = "The backup to restore from.")
    Long backup;

    @Option(names = "--record", description = "One record: Object:Id.")
    String record;

    @Option(names = "--children", description = "With --record: its children, recursively.")
    boolean children;

    @Option(names = "--parents", description = "With --record: its parents, recursively.")
    boolean parents;

    @Option(names = "--object", description = "Every record of an object as of --backup.")
    String object;

    @Option(names = "--from", description = "Records deleted or changed between --from ...")
    Long from;

    @Option(names = "--to", description = "... and --to, restored as of --from.")
    Long to;

    @Option(names = "--compare-object", split = ",", description = "With --from/--to: objects.")
    List<String> compareObjects = List.of();

    @Option(names = "--kind", split = ",", description = "With --from/--to: DELETED,CHANGED.")
    List<ChangeKind> kinds = List.of();

    @Option(names = "--compare-field", split = ",", description = "With --from/--to: fields.")
    List<String> compareFields = List.of();

    @Option(names = "--fields", split = ",", description = "Roll back only these fields.")
    List<String> fields = List.of();

    @Option(
        names = "--conflicts",
        defaultValue = "SKIP",
        description = "Records changed in the org since the backup: SKIP or OVERWRITE.")
    ConflictPolicy conflicts;

    @Option(names = "--omit", split = ",", description = "Objects or record Ids to leave out.")
    List<String> omit = List.of();

    @Option(
        names = "--external-id",
        split = ",",
        description = "Another org: Object=Field matching records by external Id.")
    Map<String, String> externalIds = new LinkedHashMap<>();

    @Option(
        names = "--bulk-threshold",
        defaultValue = "" + RestoreOptions.DEFAULT_BULK_THRESHOLD,
        description = "Records of an object from which Bulk API 2.0 ingest is used.")
    int bulkThreshold;

    private final EngineMain.Streams io;

    Plan(EngineMain.Streams io) {
      this.io = io;
    }

    @Override
    public Integer call() throws Exception {
      RestoreSelection selection = selection();
      RestoreOptions options =
          new RestoreOptions(
              new HashSet<>(fields), conflicts, new HashSet<>(omit), externalIds, bulkThreshold);
      SalesforceClient client = org.connect(io.in());
      RestorePlan p;
      try (RecordStore s = store.open()) {
        p =
            new RestorePlanner(s, client, org.orgId, Clock.systemUTC())
                .planAndSave(selection, options);
      }
      ObjectNode plan = PlanJson.toJson(p);
      plan.put("type", "restore-plan");
      io.out().println(plan);
      ObjectNode done = JSON.createObjectNode();
      done.put("type", "restore-planned").put("restoreId", p.restoreId());
      done.put("records", p.records().size()).put("estimatedApiCalls", p.estimatedApiCalls());
      io.out().println(done);
      io.out().flush();
      return 0;
    }

    private RestoreSelection selection() {
      int kindsGiven = (record != null ? 1 : 0) + (object != null ? 1 : 0) + (from != null ? 1 : 0);
      if (kindsGiven != 1) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "give exactly one of --record, --object, --from/--to");
      }
      if (from != null) {
        if (to == null) {
          throw new CommandLine.ParameterException(new CommandLine(this), "--from needs --to");
        }
        return new RestoreSelection.CompareRecords(
            from,
            to,
            new CompareFilter(
                new HashSet<>(compareObjects), new HashSet<>(kinds), new HashSet<>(compareFields)));
      }
      if (backup == null) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--backup is required");
      }
      if (object != null) {
        return new RestoreSelection.ObjectAsOf(backup, object);
      }
      int colon = record.indexOf(':');
      if (colon <= 0 || colon == record.length() - 1) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--record is Object:Id");
      }
      String o = record.substring(0, colon);
      String id = record.substring(colon + 1);
      if (children || parents) {
        return new RestoreSelection.RecordWithRelated(backup, o, id, children, parents);
      }
      return new RestoreSelection.RecordVersionOf(backup, o, id);
    }
  }

  @Command(
      name = "run",
      description = "Run (or continue) a planned restore; progress as JSON lines.")
  static final class Run implements Callable<Integer> {
    @Mixin VolumeOptions store;
    @Mixin ConnectionOptions org;

    @Option(names = "--restore-id", required = true, description = "The plan's restore id.")
    String restoreId;

    private final EngineMain.Streams io;

    Run(EngineMain.Streams io) {
      this.io = io;
    }

    @Override
    public Integer call() throws Exception {
      RestoreFiles.requireId(restoreId);
      SalesforceClient client = org.connect(io.in());
      RestoreReport r;
      try (RecordStore s = store.open()) {
        RestorePlan plan = RestoreFiles.loadPlan(s, restoreId);
        if (!plan.targetOrgId().equals(org.orgId)) {
          throw new IllegalArgumentException(
              "restore " + restoreId + " was planned for org " + plan.targetOrgId());
        }
        r =
            new RestoreExecution(
                    s,
                    client,
                    (phase, object, ok, failed) -> {
                      ObjectNode n = JSON.createObjectNode();
                      n.put("type", "restore-step").put("phase", phase).put("object", object);
                      n.put("succeeded", ok).put("failed", failed);
                      io.out().println(n);
                      io.out().flush();
                    })
                .run(restoreId);
      }
      ObjectNode n = JSON.createObjectNode();
      n.put("type", "restore-result").put("restoreId", r.restoreId());
      n.put("status", r.status().name());
      if (r.stopReason() != null) {
        n.put("stopReason", r.stopReason());
      }
      n.put("apiCalls", r.apiCalls());
      for (RestoreResult.Outcome o : RestoreResult.Outcome.values()) {
        n.put(o.name().toLowerCase(java.util.Locale.ROOT), r.count(o));
      }
      io.out().println(n);
      io.out().flush();
      return r.status() == RestoreReport.Status.COMPLETE ? 0 : STOPPED;
    }
  }

  @Command(
      name = "results",
      description = "Write a restore's per-record results as CSV (Data Loader conventions).")
  static final class Results implements Callable<Integer> {
    static final List<String> HEADER =
        List.of(
            "Object",
            "SourceId",
            "Action",
            "Outcome",
            "TargetId",
            "ErrorCode",
            "ErrorMessage",
            "ErrorFields",
            "Note");

    @Mixin VolumeOptions store;

    @Option(names = "--restore-id", required = true, description = "The plan's restore id.")
    String restoreId;

    @Option(names = "--csv", required = true, description = "The CSV file to write (not replaced).")
    Path csv;

    private final EngineMain.Streams io;

    Results(EngineMain.Streams io) {
      this.io = io;
    }

    @Override
    public Integer call() throws Exception {
      RestoreFiles.requireId(restoreId);
      if (Files.exists(csv)) {
        throw new IllegalArgumentException("will not overwrite " + csv);
      }
      List<RestoreResult> results;
      try (RecordStore s = store.open()) {
        results = RestoreExecution.results(s, restoreId);
      }
      Path temp = csv.resolveSibling(".tmp-" + csv.getFileName());
      try (OutputStream out = Files.newOutputStream(temp);
          CsvWriter w = new CsvWriter(out)) {
        w.row(HEADER);
        for (RestoreResult r : results) {
          List<String> row = new ArrayList<>();
          row.add(r.object());
          row.add(r.sourceId());
          row.add(r.action().name());
          row.add(r.outcome().name());
          row.add(nz(r.targetId()));
          row.add(nz(r.code()));
          row.add(nz(r.message()));
          row.add(nz(r.fields()));
          row.add(nz(r.note()));
          w.row(row);
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
      Files.move(temp, csv, StandardCopyOption.ATOMIC_MOVE);
      ObjectNode n = JSON.createObjectNode();
      n.put("type", "restore-results").put("restoreId", restoreId);
      n.put("file", csv.toString()).put("rows", results.size());
      io.out().println(n);
      io.out().flush();
      return 0;
    }

    private static String nz(String s) {
      return s == null ? "" : s;
    }
  }
}
