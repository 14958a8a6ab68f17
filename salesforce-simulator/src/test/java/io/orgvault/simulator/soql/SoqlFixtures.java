package io.orgvault.simulator.soql;

import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.OrgClock;
import io.orgvault.simulator.org.OrgSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** A small generated org and brute-force scans to check query results against. */
final class SoqlFixtures {
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  private SoqlFixtures() {}

  static Org org(int contacts) {
    return Org.generate(7, new OrgSize(contacts), new OrgClock(START, false));
  }

  /** The Ids of a result, in result order. */
  static List<String> ids(QueryResult r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < r.totalSize(); i++) {
      out.add(r.table().id(r.row(i)));
    }
    return out;
  }

  /** The Ids of the visible rows that match, in Id order, found by checking every row. */
  static List<String> scan(Org org, String object, boolean includeDeleted, IntPredicate match) {
    ObjectTable t = org.table(object);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < t.size(); r++) {
      boolean visible = includeDeleted ? t.exists(r) : t.isLive(r);
      if (visible && match.test(r)) {
        out.add(t.id(r));
      }
    }
    return out;
  }
}
