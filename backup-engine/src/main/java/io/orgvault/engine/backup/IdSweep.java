package io.orgvault.engine.backup;

import io.orgvault.engine.salesforce.RecordStream;
import io.orgvault.engine.salesforce.SalesforceClient;
import io.orgvault.engine.salesforce.SalesforceIds;
import io.orgvault.engine.store.Snapshot;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds records the previous backup holds that no longer exist in the org (live or in the recycle
 * bin), by reading every Id of the object. Used when deletions may have been lost: the recycle bin
 * was emptied since the window started, or {@code getDeleted} cannot cover the window.
 *
 * <p>Bounded memory for any object size: the org's Ids go into {@link SortedIds} (sorted runs,
 * spilled sealed to temporary files beyond {@link SortedIds#RUN_IDS}), then one pass merges them
 * with the previous backup's live records, which the store reads in the same (String) Id order.
 * Nothing depends on the order Salesforce returns Ids in.
 */
final class IdSweep {
  private IdSweep() {}

  /**
   * Calls {@code gone} with every Id the previous backup holds live that the org no longer has, in
   * Id order.
   *
   * @return how many
   */
  static long gone(SalesforceClient client, String object, Snapshot before, Consumer<String> gone) {
    try (SortedIds present = new SortedIds()) {
      try (RecordStream<Map<String, Object>> rows =
          client.query("SELECT Id FROM " + object, true)) {
        while (rows.hasNext()) {
          Object id = rows.next().get("Id");
          if (id instanceof String s) {
            String id18 = SalesforceIds.to18(s);
            if (id18 != null) {
              present.add(id18);
            }
          }
        }
      }
      return missing(before.records(object), present.sorted(), gone);
    }
  }

  /**
   * The Ids of {@code live} (records in Id order) that {@code present} (sorted Ids) lacks, closing
   * {@code live}.
   */
  static long missing(
      io.orgvault.engine.store.RecordStream live, Iterator<String> present, Consumer<String> gone) {
    long n = 0;
    String org = present.hasNext() ? present.next() : null;
    try (live) {
      while (live.hasNext()) {
        String id = live.next().id();
        while (org != null && org.compareTo(id) < 0) {
          org = present.hasNext() ? present.next() : null;
        }
        if (org == null || !org.equals(id)) {
          gone.accept(id);
          n++;
        }
      }
    }
    return n;
  }
}
