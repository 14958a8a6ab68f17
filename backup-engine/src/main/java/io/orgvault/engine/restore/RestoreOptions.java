package io.orgvault.engine.restore;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a plan restores its selection.
 *
 * @param fields the fields to roll back (field-level restore); empty = the whole record. A record
 *     that must be created is always created whole (a record with some fields only is not the
 *     record).
 * @param conflicts what to do with records changed in the org since the backup
 * @param omit objects ({@code Case}) or record Ids to leave out of the selection
 * @param externalIds for a restore into another org: per object, the external Id field that matches
 *     a backed-up record to the target org's record ({@code Account → AccountNumber})
 * @param bulkThreshold an object with more records to write than this goes through Bulk API 2.0
 *     ingest instead of composite sobjects calls
 */
public record RestoreOptions(
    Set<String> fields,
    ConflictPolicy conflicts,
    Set<String> omit,
    Map<String, String> externalIds,
    int bulkThreshold) {

  public static final int DEFAULT_BULK_THRESHOLD = 2000;

  public RestoreOptions {
    fields = Set.copyOf(new TreeSet<>(fields));
    Objects.requireNonNull(conflicts, "conflicts");
    omit = Set.copyOf(new TreeSet<>(omit));
    externalIds = Map.copyOf(new TreeMap<>(externalIds));
    if (bulkThreshold < 1) {
      throw new IllegalArgumentException("bulkThreshold must be at least 1");
    }
  }

  /** Whole records, conflicts skipped, nothing omitted, no external Ids. */
  public static RestoreOptions defaults() {
    return new RestoreOptions(
        Set.of(), ConflictPolicy.SKIP, Set.of(), Map.of(), DEFAULT_BULK_THRESHOLD);
  }

  public RestoreOptions withFields(Set<String> f) {
    return new RestoreOptions(f, conflicts, omit, externalIds, bulkThreshold);
  }

  public RestoreOptions withConflicts(ConflictPolicy c) {
    return new RestoreOptions(fields, c, omit, externalIds, bulkThreshold);
  }

  public RestoreOptions withOmit(Set<String> o) {
    return new RestoreOptions(fields, conflicts, o, externalIds, bulkThreshold);
  }

  public RestoreOptions withExternalIds(Map<String, String> e) {
    return new RestoreOptions(fields, conflicts, omit, e, bulkThreshold);
  }

  public RestoreOptions withBulkThreshold(int t) {
    return new RestoreOptions(fields, conflicts, omit, externalIds, t);
  }
}
