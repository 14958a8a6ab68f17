package io.orgvault.engine.restore;

import io.orgvault.engine.restore.OrgRecords.OrgRecord;
import io.orgvault.engine.restore.RestoreJournal.Phase;
import io.orgvault.engine.salesforce.BulkIngestResult;
import io.orgvault.engine.salesforce.IngestOperation;
import io.orgvault.engine.salesforce.RecordStream;
import io.orgvault.engine.salesforce.RunStoppedException;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.SaveError;
import io.orgvault.engine.salesforce.SaveResult;
import io.orgvault.engine.store.BlobRef;
import io.orgvault.engine.store.RecordStore;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import io.orgvault.engine.store.ValueKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs a confirmed {@link RestorePlan}: undeletes, then creates parents before children with every
 * re-created parent's new Id put into the reference fields that point at it, then updates, then the
 * second pass of deferred references. Composite sobjects calls of up to 200 records, Bulk API 2.0
 * ingest for an object with more than the plan's threshold, one streamed call per file body. Every
 * write is journaled before it is sent and after it returns ({@link RestoreJournal}); a re-run
 * continues where a killed or stopped run left off without writing anything twice. Rules in
 * docs/restore.md, "Running".
 */
public final class RestoreExecution {
  /** Records per Bulk ingest job. */
  static final int BULK_JOB_RECORDS = 10_000;

  static final String PARENT_NOT_RESTORED = "PARENT_NOT_RESTORED";

  private final RecordStore store;
  private final SalesforceClient target;
  private final RestoreProgress progress;

  private RestorePlan plan;
  private RestoreJournal journal;
  private Snapshot source;

  public RestoreExecution(RecordStore store, SalesforceClient target, RestoreProgress progress) {
    this.store = store;
    this.target = target;
    this.progress = progress;
  }

  /**
   * Runs (or continues) the restore. Stops cleanly, resumable, when an API allowance runs out.
   *
   * @throws io.orgvault.engine.store.StoreCorruptedException if the plan or journal was altered
   * @throws UnreadableJournalException if the journal holds entries of another version
   */
  public RestoreReport run(String restoreId) {
    plan = RestoreFiles.loadPlan(store, restoreId);
    journal = RestoreJournal.open(store, restoreId);
    long callsBefore = target.budget().callsMade();
    if (journal.finished()) {
      return new RestoreReport(
          restoreId, RestoreReport.Status.COMPLETE, null, 0, results(plan, journal, false));
    }
    source = store.snapshot(plan.backup());
    try {
      journal.startRun(target.serverTimestamp());
      for (RestoreJournal.Step s : journal.inDoubt()) {
        reconcile(s);
      }
      for (String object : plan.order()) {
        undeletes(object);
      }
      for (String object : plan.order()) {
        creates(object);
      }
      for (String object : plan.order()) {
        updates(object);
      }
      for (String object : plan.order()) {
        secondPass(object);
      }
      journal.finish();
      return new RestoreReport(
          restoreId,
          RestoreReport.Status.COMPLETE,
          null,
          target.budget().callsMade() - callsBefore,
          results(plan, journal, false));
    } catch (RunStoppedException e) {
      return new RestoreReport(
          restoreId,
          RestoreReport.Status.STOPPED,
          e.getMessage(),
          target.budget().callsMade() - callsBefore,
          results(plan, journal, true));
    }
  }

  /** The per-record results of a restore so far, from its plan and journal. */
  public static List<RestoreResult> results(RecordStore store, String restoreId) {
    RestorePlan p = RestoreFiles.loadPlan(store, restoreId);
    if (!RestoreJournal.exists(store, restoreId)) {
      return results(p, null, true);
    }
    RestoreJournal j = RestoreJournal.open(store, restoreId);
    return results(p, j, !j.finished());
  }

  // ---------------------------------------------------------------- undelete

  private void undeletes(String object) {
    List<PlannedRecord> records = plan.records(object, RestoreAction.UNDELETE);
    for (int i = 0; i < records.size(); i += SalesforceClient.COLLECTION_LIMIT) {
      String key = "UNDELETE/" + object + "/" + (i / SalesforceClient.COLLECTION_LIMIT);
      if (journal.isDone(key)) {
        continue;
      }
      List<PlannedRecord> chunk =
          pending(Phase.UNDELETE, slice(records, i, SalesforceClient.COLLECTION_LIMIT));
      if (chunk.isEmpty()) {
        continue;
      }
      // A parent's undelete brings back the children its delete cascaded to: look before sending.
      Map<String, OrgRecord> now = new OrgRecords(target).byId(object, Map.of(), targetIds(chunk));
      List<RecordOutcome> back = new ArrayList<>();
      List<PlannedRecord> send = new ArrayList<>();
      for (PlannedRecord r : chunk) {
        OrgRecord o = now.get(r.targetId());
        if (o != null && !o.deleted()) {
          back.add(
              RecordOutcome.success(
                  r.sourceId(), r.targetId(), "came back with its parent's undelete"));
        } else {
          send.add(r);
        }
      }
      if (!back.isEmpty()) {
        journal.outcome(key + "/check", Phase.UNDELETE, back);
      }
      if (send.isEmpty()) {
        journal.outcome(key, Phase.UNDELETE, List.of());
        progress.step(Phase.UNDELETE.name(), object, back.size(), 0);
        continue;
      }
      journal.intent(key, Phase.UNDELETE, object, sourceIds(send));
      List<SaveResult> saved = target.undelete(targetIds(send));
      List<RecordOutcome> out = cascaded(object, send, outcomes(send, saved, true));
      journal.outcome(key, Phase.UNDELETE, out);
      report(Phase.UNDELETE, object, out, back.size());
    }
  }

  /**
   * An undelete that failed because an earlier undelete of the same call brought the record back (a
   * parent and its child in one chunk) is a success: the record is live.
   */
  private List<RecordOutcome> cascaded(
      String object, List<PlannedRecord> sent, List<RecordOutcome> out) {
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      if (!out.get(i).ok()) {
        failed.add(sent.get(i).targetId());
      }
    }
    if (failed.isEmpty()) {
      return out;
    }
    Map<String, OrgRecord> now = new OrgRecords(target).byId(object, Map.of(), failed);
    List<RecordOutcome> fixed = new ArrayList<>(out);
    for (int i = 0; i < sent.size(); i++) {
      OrgRecord o = now.get(sent.get(i).targetId());
      if (!out.get(i).ok() && o != null && !o.deleted()) {
        fixed.set(
            i,
            RecordOutcome.success(
                sent.get(i).sourceId(),
                sent.get(i).targetId(),
                "came back with its parent's undelete"));
      }
    }
    return fixed;
  }

  // ---------------------------------------------------------------- create

  private void creates(String object) {
    List<PlannedRecord> all = plan.records(object, RestoreAction.CREATE);
    List<PlannedRecord> files = all.stream().filter(r -> r.bodyField() != null).toList();
    List<PlannedRecord> rows = all.stream().filter(r -> r.bodyField() == null).toList();
    boolean bulk = rows.size() > plan.options().bulkThreshold();
    int size = bulk ? BULK_JOB_RECORDS : SalesforceClient.COLLECTION_LIMIT;
    for (int i = 0; i < rows.size(); i += size) {
      String key = "CREATE/" + object + (bulk ? "/bulk/" : "/") + (i / size);
      if (journal.isDone(key)) {
        continue;
      }
      List<PlannedRecord> chunk = pending(Phase.CREATE, slice(rows, i, size));
      write(key, Phase.CREATE, object, chunk, bulk);
    }
    for (PlannedRecord r : files) {
      String key = "CREATE/" + object + "/file/" + r.sourceId();
      if (journal.isDone(key) || journal.outcome(Phase.CREATE, r.sourceId()) != null) {
        continue;
      }
      createFile(key, r);
    }
    if (object.equals(RestorePlanner.CONTENT_VERSION)) {
      mapDocuments(all);
    }
  }

  private void createFile(String key, PlannedRecord r) {
    Map<String, Object> fields = new LinkedHashMap<>();
    RecordOutcome local = payload(r, fields);
    if (local != null) {
      journal.outcome(key, Phase.CREATE, List.of(local));
      report(Phase.CREATE, r.object(), List.of(local), 0);
      return;
    }
    RecordVersion v =
        source
            .get(r.object(), r.sourceId())
            .orElseThrow(() -> new IllegalStateException("backup lost " + r.sourceId()));
    BlobRef body = (BlobRef) v.fields().get(r.bodyField());
    journal.intent(key, Phase.CREATE, r.object(), List.of(r.sourceId()));
    SaveResult saved;
    saved =
        target.createWithBody(
            r.object(), fields, r.bodyField(), body.length(), () -> store.openBlob(body));
    List<RecordOutcome> out = outcomes(List.of(r), List.of(saved), false);
    journal.outcome(key, Phase.CREATE, out);
    report(Phase.CREATE, r.object(), out, 0);
  }

  /** A new ContentVersion made a new ContentDocument: map the backed-up document to it. */
  private void mapDocuments(List<PlannedRecord> versions) {
    Map<String, String> oldDocumentByNewVersion = new HashMap<>();
    for (PlannedRecord r : versions) {
      RecordOutcome o = journal.outcome(Phase.CREATE, r.sourceId());
      if (o == null || !o.ok()) {
        continue;
      }
      source
          .get(r.object(), r.sourceId())
          .map(v -> v.fields().get("ContentDocumentId"))
          .filter(d -> d instanceof String d2 && journal.newId(d2) == null)
          .ifPresent(d -> oldDocumentByNewVersion.put(o.targetId(), (String) d));
    }
    if (oldDocumentByNewVersion.isEmpty()) {
      return;
    }
    Map<String, OrgRecord> created =
        new OrgRecords(target)
            .byId(
                RestorePlanner.CONTENT_VERSION,
                Map.of("ContentDocumentId", ValueKind.STRING),
                oldDocumentByNewVersion.keySet());
    Map<String, String> map = new TreeMap<>();
    oldDocumentByNewVersion.forEach(
        (newVersion, oldDocument) -> {
          OrgRecord r = created.get(newVersion);
          if (r != null && r.values().get("ContentDocumentId") instanceof String d) {
            map.put(oldDocument, d);
          }
        });
    if (!map.isEmpty()) {
      journal.documents(map);
    }
  }

  // ---------------------------------------------------------------- update

  private void updates(String object) {
    List<PlannedRecord> records = new ArrayList<>(plan.records(object, RestoreAction.UPDATE));
    for (PlannedRecord r : plan.records(object, RestoreAction.UNDELETE)) {
      RecordOutcome u = journal.outcome(Phase.UNDELETE, r.sourceId());
      if (!r.fields().isEmpty() && u != null && u.ok()) {
        records.add(r);
      }
    }
    boolean bulk = records.size() > plan.options().bulkThreshold();
    int size = bulk ? BULK_JOB_RECORDS : SalesforceClient.COLLECTION_LIMIT;
    for (int i = 0; i < records.size(); i += size) {
      String key = "UPDATE/" + object + (bulk ? "/bulk/" : "/") + (i / size);
      if (journal.isDone(key)) {
        continue;
      }
      write(key, Phase.UPDATE, object, pending(Phase.UPDATE, slice(records, i, size)), bulk);
    }
  }

  private void secondPass(String object) {
    List<PlannedRecord> records = new ArrayList<>();
    for (PlannedRecord r : plan.records(object, RestoreAction.CREATE)) {
      RecordOutcome c = journal.outcome(Phase.CREATE, r.sourceId());
      if (!r.secondPass().isEmpty() && c != null && c.ok()) {
        records.add(r);
      }
    }
    for (int i = 0; i < records.size(); i += SalesforceClient.COLLECTION_LIMIT) {
      String key = "SECOND_PASS/" + object + "/" + (i / SalesforceClient.COLLECTION_LIMIT);
      if (journal.isDone(key)) {
        continue;
      }
      write(
          key,
          Phase.SECOND_PASS,
          object,
          pending(Phase.SECOND_PASS, slice(records, i, SalesforceClient.COLLECTION_LIMIT)),
          false);
    }
  }

  // ---------------------------------------------------------------- writing

  /** Sends one step's records; records that cannot be sent fail locally and are journaled so. */
  private void write(
      String key, Phase phase, String object, List<PlannedRecord> chunk, boolean bulk) {
    if (chunk.isEmpty()) {
      return;
    }
    List<RecordOutcome> local = new ArrayList<>();
    List<PlannedRecord> send = new ArrayList<>();
    List<Map<String, Object>> payloads = new ArrayList<>();
    for (PlannedRecord r : chunk) {
      Map<String, Object> fields = new LinkedHashMap<>();
      RecordOutcome failed =
          phase == Phase.SECOND_PASS ? secondPassPayload(r, fields) : payload(r, fields);
      if (failed != null) {
        local.add(failed);
        continue;
      }
      if (phase != Phase.CREATE) {
        fields.put("Id", phase == Phase.SECOND_PASS ? journal.newId(r.sourceId()) : r.targetId());
      }
      send.add(r);
      payloads.add(fields);
    }
    if (send.isEmpty()) {
      journal.outcome(key, phase, local);
      report(phase, object, local, 0);
      return;
    }
    journal.intent(key, phase, object, sourceIds(send));
    if (!local.isEmpty()) {
      // journaled before the send, so a kill during it cannot lose them
      journal.outcome(key + "/local", phase, local);
    }
    List<SaveResult> saved;
    if (bulk) {
      saved = bulk(object, phase, payloads);
    } else if (phase == Phase.CREATE) {
      saved = target.create(object, payloads);
    } else {
      saved = target.update(object, payloads);
    }
    List<RecordOutcome> out = outcomes(send, saved, phase != Phase.CREATE);
    journal.outcome(key, phase, out);
    report(phase, object, out, 0);
    if (!local.isEmpty()) {
      report(phase, object, local, 0);
    }
  }

  private List<SaveResult> bulk(String object, Phase phase, List<Map<String, Object>> payloads) {
    LinkedHashSet<String> columns = new LinkedHashSet<>();
    if (phase != Phase.CREATE) {
      columns.add("Id");
    }
    payloads.forEach(p -> columns.addAll(p.keySet()));
    List<String> header = new ArrayList<>(columns);
    List<List<Object>> rows = new ArrayList<>(payloads.size());
    for (Map<String, Object> p : payloads) {
      List<Object> row = new ArrayList<>(header.size());
      header.forEach(c -> row.add(p.get(c)));
      rows.add(row);
    }
    BulkIngestResult r =
        target.bulkIngest(
            object,
            phase == Phase.CREATE ? IngestOperation.INSERT : IngestOperation.UPDATE,
            null,
            header,
            (SalesforceClient.RowSource) rows::iterator); // re-read for a re-sent upload
    return r.results();
  }

  /**
   * The values to send for a create or update, with every re-created parent's new Id; a failure
   * when a parent the record needs was not restored.
   */
  private RecordOutcome payload(PlannedRecord r, Map<String, Object> out) {
    out.putAll(r.fields());
    for (String field : r.rewrites()) {
      String parent = (String) r.fields().get(field);
      String mapped = journal.newId(parent);
      if (mapped == null) {
        return RecordOutcome.failure(
            r.sourceId(),
            PARENT_NOT_RESTORED,
            "parent " + parent + " of " + field + " was not restored",
            List.of(field));
      }
      out.put(field, mapped);
    }
    return null;
  }

  private RecordOutcome secondPassPayload(PlannedRecord r, Map<String, Object> out) {
    for (Map.Entry<String, String> e : r.secondPass().entrySet()) {
      String mapped = journal.newId(e.getValue());
      if (mapped == null) {
        return RecordOutcome.failure(
            r.sourceId(),
            PARENT_NOT_RESTORED,
            "parent " + e.getValue() + " of " + e.getKey() + " was not restored",
            List.of(e.getKey()));
      }
      out.put(e.getKey(), mapped);
    }
    return null;
  }

  private static List<RecordOutcome> outcomes(
      List<PlannedRecord> sent, List<SaveResult> saved, boolean keepsId) {
    if (saved.size() != sent.size()) {
      throw new IllegalStateException(
          "Salesforce answered " + saved.size() + " results for " + sent.size() + " records");
    }
    List<RecordOutcome> out = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      PlannedRecord r = sent.get(i);
      SaveResult s = saved.get(i);
      if (s.success()) {
        out.add(RecordOutcome.success(r.sourceId(), keepsId ? r.targetId() : s.id(), null));
      } else {
        SaveError e = s.errors().isEmpty() ? null : s.errors().get(0);
        out.add(
            RecordOutcome.failure(
                r.sourceId(),
                e == null ? "UNKNOWN" : e.statusCode(),
                e == null ? "failed without an error" : e.message(),
                e == null ? List.of() : e.fields()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- in doubt

  /**
   * A step whose request may or may not have reached Salesforce. Undeletes: records no longer in
   * the recycle bin were undeleted. Creates: a record created since the run started whose values
   * equal what the step sends is that record (matched one to one, never one already mapped).
   * Updates write the same values again, so they are simply re-sent. What is not confirmed stays
   * without an outcome and is sent by the normal flow.
   */
  private void reconcile(RestoreJournal.Step step) {
    Set<String> ids = new HashSet<>(step.ids());
    List<PlannedRecord> records =
        plan.records().stream()
            .filter(r -> r.object().equals(step.object()) && ids.contains(r.sourceId()))
            .filter(r -> journal.outcome(step.phase(), r.sourceId()) == null)
            .toList();
    List<RecordOutcome> confirmed = new ArrayList<>();
    if (step.phase() == Phase.UNDELETE) {
      Map<String, OrgRecord> now =
          new OrgRecords(target).byId(step.object(), Map.of(), targetIds(records));
      for (PlannedRecord r : records) {
        OrgRecord o = now.get(r.targetId());
        if (o != null && !o.deleted()) {
          confirmed.add(
              RecordOutcome.success(r.sourceId(), r.targetId(), "undeleted by an interrupted run"));
        }
      }
    } else if (step.phase() == Phase.CREATE) {
      confirmed.addAll(findCreated(step, records));
    }
    if (!confirmed.isEmpty()) {
      journal.outcome(step.key() + "/reconciled", step.phase(), confirmed);
    }
  }

  private List<RecordOutcome> findCreated(RestoreJournal.Step step, List<PlannedRecord> records) {
    Map<String, ValueKind> kinds = new LinkedHashMap<>();
    Map<PlannedRecord, Map<String, Object>> expected = new LinkedHashMap<>();
    for (PlannedRecord r : records) {
      Map<String, Object> fields = new LinkedHashMap<>();
      if (payload(r, fields) == null) {
        expected.put(r, fields);
        fields
            .keySet()
            .forEach(
                f -> kinds.put(f, plan.kinds().get(r.object()).getOrDefault(f, ValueKind.STRING)));
      }
    }
    if (expected.isEmpty()) {
      return List.of();
    }
    Instant since = journal.runStart(Math.max(1, step.run())).minusSeconds(1);
    String soql =
        "SELECT Id"
            + (kinds.isEmpty() ? "" : ", " + String.join(", ", kinds.keySet()))
            + " FROM "
            + step.object()
            + " WHERE CreatedDate >= "
            + since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Map<String, List<String>> candidates = new HashMap<>();
    Set<String> known = new TreeSet<>();
    plan.records()
        .forEach(
            r -> {
              String n = journal.newId(r.sourceId());
              if (n != null) {
                known.add(n);
              }
            });
    try (RecordStream<Map<String, Object>> rs = target.query(soql, false)) {
      while (rs.hasNext()) {
        Map<String, Object> raw = rs.next();
        String id = (String) raw.get("Id");
        if (known.contains(id)) {
          continue;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        kinds.forEach((f, k) -> values.put(f, OrgRecords.canonical(k, raw.get(f))));
        candidates
            .computeIfAbsent(signature(values, kinds.keySet()), s -> new ArrayList<>())
            .add(id);
      }
    }
    List<RecordOutcome> out = new ArrayList<>();
    expected.forEach(
        (r, fields) -> {
          List<String> ids = candidates.get(signature(fields, kinds.keySet()));
          if (ids != null && !ids.isEmpty()) {
            out.add(
                RecordOutcome.success(
                    r.sourceId(), ids.remove(0), "found in the org after an interrupted run"));
          }
        });
    return out;
  }

  private static String signature(Map<String, Object> values, Set<String> fields) {
    StringBuilder b = new StringBuilder();
    for (String f : new TreeSet<>(fields)) {
      Object v = values.get(f);
      if (v instanceof BigDecimal d) {
        v = d.stripTrailingZeros().toPlainString();
      }
      b.append(f).append('=').append(v == null ? "\u0000" : v.toString()).append('\u0001');
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- helpers

  /** The records of a slice that have no outcome of this phase yet. */
  private List<PlannedRecord> pending(Phase phase, List<PlannedRecord> slice) {
    return slice.stream().filter(r -> journal.outcome(phase, r.sourceId()) == null).toList();
  }

  private static <T> List<T> slice(List<T> all, int from, int size) {
    return all.subList(from, Math.min(all.size(), from + size));
  }

  private void report(Phase phase, String object, List<RecordOutcome> out, int alreadyOk) {
    int ok = alreadyOk;
    int failed = 0;
    for (RecordOutcome o : out) {
      if (o.ok()) {
        ok++;
      } else {
        failed++;
      }
    }
    progress.step(phase.name(), object, ok, failed);
  }

  private static List<String> sourceIds(List<PlannedRecord> records) {
    return records.stream().map(PlannedRecord::sourceId).toList();
  }

  private static List<String> targetIds(List<PlannedRecord> records) {
    return records.stream().map(PlannedRecord::targetId).toList();
  }

  static List<RestoreResult> results(RestorePlan plan, RestoreJournal j, boolean unfinished) {
    List<RestoreResult> out = new ArrayList<>();
    for (PlannedRecord r : plan.records()) {
      if (r.action() == RestoreAction.SKIP) {
        out.add(
            new RestoreResult(
                r.object(),
                r.sourceId(),
                r.action(),
                RestoreResult.Outcome.SKIPPED,
                r.targetId(),
                null,
                null,
                null,
                r.reason()));
        continue;
      }
      Phase first =
          switch (r.action()) {
            case UNDELETE -> Phase.UNDELETE;
            case CREATE -> Phase.CREATE;
            default -> Phase.UPDATE;
          };
      RecordOutcome o = j == null ? null : j.outcome(first, r.sourceId());
      if (o == null) {
        out.add(
            new RestoreResult(
                r.object(),
                r.sourceId(),
                r.action(),
                RestoreResult.Outcome.NOT_RUN,
                r.targetId(),
                null,
                null,
                null,
                unfinished ? "not run yet" : "not run"));
        continue;
      }
      if (!o.ok()) {
        out.add(failed(r, o, null));
        continue;
      }
      RecordOutcome follow =
          r.action() == RestoreAction.UNDELETE && !r.fields().isEmpty()
              ? j.outcome(Phase.UPDATE, r.sourceId())
              : r.action() == RestoreAction.CREATE && !r.secondPass().isEmpty()
                  ? j.outcome(Phase.SECOND_PASS, r.sourceId())
                  : null;
      boolean needsFollow =
          r.action() == RestoreAction.UNDELETE && !r.fields().isEmpty()
              || r.action() == RestoreAction.CREATE && !r.secondPass().isEmpty();
      if (follow == null && needsFollow) {
        out.add(
            new RestoreResult(
                r.object(),
                r.sourceId(),
                r.action(),
                RestoreResult.Outcome.PARTIAL,
                o.targetId(),
                null,
                null,
                null,
                r.action() == RestoreAction.UNDELETE
                    ? "undeleted; the field update has not run"
                    : "created; the second-pass reference update has not run"));
        continue;
      }
      if (follow != null && !follow.ok()) {
        out.add(
            new RestoreResult(
                r.object(),
                r.sourceId(),
                r.action(),
                RestoreResult.Outcome.PARTIAL,
                o.targetId(),
                follow.code(),
                follow.message(),
                String.join(";", follow.fields()),
                r.action() == RestoreAction.UNDELETE
                    ? "undeleted; the field update failed"
                    : "created; the second-pass reference update failed"));
        continue;
      }
      out.add(
          new RestoreResult(
              r.object(),
              r.sourceId(),
              r.action(),
              RestoreResult.Outcome.SUCCESS,
              o.targetId(),
              null,
              null,
              null,
              o.note()));
    }
    return out;
  }

  private static RestoreResult failed(PlannedRecord r, RecordOutcome o, String note) {
    return new RestoreResult(
        r.object(),
        r.sourceId(),
        r.action(),
        RestoreResult.Outcome.FAILED,
        null,
        o.code(),
        o.message(),
        String.join(";", o.fields()),
        note);
  }
}
