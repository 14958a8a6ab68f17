package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.RecordStream;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.SalesforceIds;
import io.orgvault.engine.store.RecordVersion;
import io.orgvault.engine.store.Snapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds records the previous backup holds that no longer exist in the org (live or in the recycle
 * bin), by reading every Id of the object. Used when deletions may have been lost: the recycle bin
 * was emptied since the window started, or {@code getDeleted} cannot cover the window. Holds the
 * org's Ids in memory (about 100 bytes each).
 */
final class IdSweep {
  private IdSweep() {}

  static List<String> gone(SalesforceClient client, String object, Snapshot before) {
    Set<String> present = new HashSet<>();
    try (RecordStream<Map<String, Object>> rows = client.query("SELECT Id FROM " + object, true)) {
      while (rows.hasNext()) {
        Object id = rows.next().get("Id");
        if (id instanceof String s) {
          present.add(SalesforceIds.to18(s));
        }
      }
    }
    List<String> gone = new ArrayList<>();
    try (io.orgvault.engine.store.RecordStream live = before.records(object)) {
      for (Iterator<RecordVersion> it = live; it.hasNext(); ) {
        String id = it.next().id();
        if (!present.contains(id)) {
          gone.add(id);
        }
      }
    }
    return gone;
  }
}
