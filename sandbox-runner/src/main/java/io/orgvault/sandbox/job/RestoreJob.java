package io.orgvault.sandbox.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.engine.export.CsvWriter;
import io.orgvault.engine.restore.ObjectTotals;
import io.orgvault.engine.restore.RestoreExecution;
import io.orgvault.engine.restore.RestoreFiles;
import io.orgvault.engine.restore.RestorePlan;
import io.orgvault.engine.restore.RestorePlanner;
import io.orgvault.engine.restore.RestoreReport;
import io.orgvault.engine.restore.RestoreResult;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.sandbox.protocol.ExitCodes;
import io.orgvault.sandbox.protocol.ExportSettings;
import io.orgvault.sandbox.protocol.JobKind;
import io.orgvault.sandbox.protocol.JobOutput;
import io.orgvault.sandbox.protocol.RestoreSettings;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The {@code restore-plan} and {@code restore-run} jobs. A plan is sealed in the volume and only
 * its figures go to stdout (a plan of many records would not fit a line the host reads); a run
 * streams the engine's steps as {@code restore-step} lines and writes its per-record results as a
 * CSV into the volume's exports directory.
 */
final class RestoreJob {
  static final String STEP = "restore-step";

  /** The results CSV's columns: Data Loader's success/error file conventions. */
  static final List<String> RESULTS_HEADER =
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

  private final RecordStore store;
  private final SalesforceClient client;
  private final String orgId;
  private final Path volume;
  private final RestoreSettings settings;
  private final JobOutput output;

  RestoreJob(
      RecordStore store,
      SalesforceClient client,
      String orgId,
      Path volume,
      RestoreSettings settings,
      JobOutput output) {
    this.store = store;
    this.client = client;
    this.orgId = orgId;
    this.volume = volume;
    this.settings = settings;
    this.output = output;
  }

  int plan() {
    RestorePlan p =
        new RestorePlanner(store, client, orgId, Clock.systemUTC())
            .planAndSave(settings.selection(), settings.options());
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("restoreId", p.restoreId())
        .put("backup", p.backup())
        .put("sourceOrgId", p.sourceOrgId())
        .put("targetOrgId", p.targetOrgId())
        .put("selection", p.selection())
        .put("records", p.records().size())
        .put("estimatedApiCalls", p.estimatedApiCalls());
    ArrayNode totals = n.putArray("totals");
    for (ObjectTotals t : p.totals()) {
      totals
          .addObject()
          .put("object", t.object())
          .put("undelete", t.undelete())
          .put("create", t.create())
          .put("update", t.update())
          .put("skip", t.skip());
    }
    output.result(JobKind.RESTORE_PLAN, n, ExitCodes.OK);
    return ExitCodes.OK;
  }

  int run() throws IOException {
    String id = settings.restoreId();
    RestorePlan plan = RestoreFiles.loadPlan(store, id);
    if (!plan.targetOrgId().equals(orgId)) {
      // The plan read that org's state; writing it into another would be a different restore.
      throw new IllegalArgumentException("the restore was planned for another org");
    }
    RestoreReport r =
        new RestoreExecution(
                store,
                client,
                (phase, object, ok, failed) ->
                    output.write(
                        output
                            .newMessage(STEP)
                            .put("phase", phase)
                            .put("object", object)
                            .put("succeeded", ok)
                            .put("failed", failed)))
            .run(id);
    List<RestoreResult> results = RestoreExecution.results(store, id);
    String file = writeResults(id, results);

    int exit = r.status() == RestoreReport.Status.COMPLETE ? ExitCodes.OK : ExitCodes.STOPPED;
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("restoreId", r.restoreId()).put("status", r.status().name());
    if (r.stopReason() != null) {
      n.put("stopReason", output.scrub(r.stopReason()));
    }
    n.put("apiCalls", r.apiCalls());
    ObjectNode outcomes = n.putObject("outcomes");
    for (RestoreResult.Outcome o : RestoreResult.Outcome.values()) {
      outcomes.put(o.name().toLowerCase(Locale.ROOT), r.count(o));
    }
    n.put("results", results.size())
        .put("file", file)
        .put("path", ExportSettings.EXPORTS_DIR + "/" + file);
    output.result(JobKind.RESTORE_RUN, n, exit);
    return exit;
  }

  /**
   * Every result the journal holds so far, as {@code restore-<id>.csv}; a later run of the same
   * restore (after a stop) writes {@code restore-<id>-2.csv} and so on, since exports are never
   * overwritten.
   */
  private String writeResults(String id, List<RestoreResult> results) throws IOException {
    Path dir = volume.resolve(ExportSettings.EXPORTS_DIR);
    String name = "restore-" + id + ".csv";
    for (int n = 2; Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS); n++) {
      name = "restore-" + id + "-" + n + ".csv";
    }
    try (ExportFile file = ExportFile.create(volume, name)) {
      try (OutputStream raw = file.open();
          OutputStream out = new BufferedOutputStream(raw, ExportJob.BUFFER_BYTES);
          CsvWriter w = new CsvWriter(out)) {
        w.row(RESULTS_HEADER);
        for (RestoreResult x : results) {
          w.row(
              List.of(
                  x.object(),
                  x.sourceId(),
                  x.action().name(),
                  x.outcome().name(),
                  nz(x.targetId()),
                  nz(x.code()),
                  nz(x.message()),
                  nz(x.fields()),
                  nz(x.note())));
        }
      }
      file.publish();
      return file.name();
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
