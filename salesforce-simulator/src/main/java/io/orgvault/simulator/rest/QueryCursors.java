package io.orgvault.simulator.rest;

import io.orgvault.simulator.org.SalesforceId;
import io.orgvault.simulator.soql.QueryResult;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The open query cursors (query locators) of an org. As in Salesforce, a cursor belongs to the user
 * who ran the query, a user keeps at most {@value #PER_USER} open (opening another closes the
 * oldest), and a cursor expires after {@link #IDLE} without use. The org as a whole keeps at most
 * {@value #PER_ORG}, so abandoned cursors cannot pile up.
 */
final class QueryCursors {
  static final int PER_USER = 10;
  static final int PER_ORG = 1000;
  static final Duration IDLE = Duration.ofMinutes(15);

  /** An open cursor over a query result. */
  static final class Cursor {
    final String id;
    final String userId;
    final QueryResult result;
    final int batchSize;
    long lastUsedMillis;

    Cursor(String id, String userId, QueryResult result, int batchSize, long now) {
      this.id = id;
      this.userId = userId;
      this.result = result;
      this.batchSize = batchSize;
      this.lastUsedMillis = now;
    }
  }

  /** Oldest first; a use moves a cursor to the end. */
  private final Map<String, Cursor> open = new LinkedHashMap<>(16, 0.75f, true);

  private long sequence;

  /** Opens a cursor and returns its id, closing what exceeds the limits. */
  synchronized String open(String userId, QueryResult result, int batchSize, long nowMillis) {
    expire(nowMillis);
    int mine = 0;
    for (Cursor c : open.values()) {
      mine += c.userId.equals(userId) ? 1 : 0;
    }
    for (Iterator<Cursor> it = open.values().iterator(); it.hasNext() && mine >= PER_USER; ) {
      if (it.next().userId.equals(userId)) {
        it.remove();
        mine--;
      }
    }
    while (open.size() >= PER_ORG) {
      Iterator<Cursor> it = open.values().iterator();
      it.next();
      it.remove();
    }
    String id = SalesforceId.of("01g", ++sequence);
    open.put(id, new Cursor(id, userId, result, batchSize, nowMillis));
    return id;
  }

  /**
   * The user's open cursor with this id, or null when it never existed, expired or is not theirs.
   */
  synchronized Cursor use(String id, String userId, long nowMillis) {
    expire(nowMillis);
    Cursor c = open.get(id);
    if (c == null || !c.userId.equals(userId)) {
      return null;
    }
    c.lastUsedMillis = nowMillis;
    return c;
  }

  synchronized int size() {
    return open.size();
  }

  private void expire(long nowMillis) {
    open.values().removeIf(c -> nowMillis - c.lastUsedMillis > IDLE.toMillis());
  }
}
