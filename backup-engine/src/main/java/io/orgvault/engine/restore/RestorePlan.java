package io.orgvault.engine.restore;

import io.orgvault.engine.store.ValueKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A restore decided record by record before anything is written: what will be undeleted, created,
 * updated or skipped and why. The portal shows it; once confirmed it is sealed in the tenant's
 * volume and {@link RestoreExecution} runs exactly it. JSON in docs/restore.md.
 *
 * @param backup the backup every restored version comes from
 * @param targetOrgId the org written to; equal to {@code sourceOrgId} for an in-place restore
 * @param selection what the admin chose, in words
 * @param order objects in the order they are written, parents first
 * @param kinds per object, the value kind of each field the plan sends
 * @param records in write order: object by object in {@code order}, then Id
 */
public record RestorePlan(
    String restoreId,
    String tenantId,
    Instant createdAt,
    long backup,
    String sourceOrgId,
    String targetOrgId,
    String selection,
    RestoreOptions options,
    List<String> order,
    Map<String, Map<String, ValueKind>> kinds,
    List<PlannedRecord> records) {

  public static final int FORMAT_VERSION = 1;

  public RestorePlan {
    order = List.copyOf(order);
    Map<String, Map<String, ValueKind>> k = new TreeMap<>();
    kinds.forEach((o, m) -> k.put(o, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
    kinds = Collections.unmodifiableMap(k);
    records = List.copyOf(records);
  }

  public boolean sameOrg() {
    return sourceOrgId.equals(targetOrgId);
  }

  /** Per object in write order, records per action. */
  public List<ObjectTotals> totals() {
    Map<String, int[]> counts = new LinkedHashMap<>();
    order.forEach(o -> counts.put(o, new int[4]));
    for (PlannedRecord r : records) {
      counts.computeIfAbsent(r.object(), o -> new int[4])[r.action().ordinal()]++;
    }
    List<ObjectTotals> out = new ArrayList<>();
    counts.forEach((o, c) -> out.add(new ObjectTotals(o, c[0], c[1], c[2], c[3])));
    return out;
  }

  /** The records of one object with one action, in plan order. */
  public List<PlannedRecord> records(String object, RestoreAction action) {
    return records.stream().filter(r -> r.object().equals(object) && r.action() == action).toList();
  }

  /**
   * API calls the run should need: per object, one call per 200 undeletes, creates and updates
   * (Bulk ingest above the threshold: about 6 calls per job), one per file body and one per 200
   * second-pass updates; one query per 200 undeleted Ids to see what came back with its parent.
   */
  public long estimatedApiCalls() {
    long calls = 1; // the server time read at the start of a run
    for (ObjectTotals t : totals()) {
      calls += 2L * chunks(t.undelete());
      List<PlannedRecord> creates = records(t.object(), RestoreAction.CREATE);
      long bodies = creates.stream().filter(r -> r.bodyField() != null).count();
      calls += bodies;
      calls += writes(creates.size() - (int) bodies);
      calls += writes(t.update());
      long deferred = creates.stream().filter(r -> !r.secondPass().isEmpty()).count();
      calls += chunks((int) deferred);
      if (t.object().equals("ContentVersion")) {
        calls += chunks((int) bodies); // reading the new versions' ContentDocumentId
      }
    }
    return calls;
  }

  private long writes(int n) {
    if (n > options.bulkThreshold()) {
      return 6; // create job, upload, close, poll, successful and failed results
    }
    return chunks(n);
  }

  private static long chunks(int n) {
    return (n + 199) / 200;
  }
}
