package io.orgvault.engine.salesforce;

import io.orgvault.engine.store.RecordVersion;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as extraction delivers it: its object, 18-character Id, change timestamp, whether it
 * is in the recycle bin ({@code IsDeleted}, seen only with {@code queryAll}) and its field values
 * in canonical form (see {@link io.orgvault.engine.store.ValueKind}), in the order they were
 * selected.
 *
 * @param modstamp the SystemModstamp (or the object's change timestamp), or null when the object
 *     has none
 */
public record SalesforceRecord(
    String objectName, String id, Instant modstamp, boolean deleted, Map<String, Object> fields) {

  public SalesforceRecord {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The record as the store writes it: an upsert of every field value. */
  public RecordVersion toRecordVersion() {
    return RecordVersion.upsert(
        objectName, id, modstamp == null ? 0 : modstamp.toEpochMilli(), fields);
  }
}
