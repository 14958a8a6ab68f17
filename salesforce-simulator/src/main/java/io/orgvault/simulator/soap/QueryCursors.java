package io.orgvault.simulator.soap;

import io.orgvault.simulator.org.SalesforceId;
import io.orgvault.simulator.soql.QueryResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open query cursors behind {@code queryMore} locators. As in Salesforce, a user has at most
 * {@value #MAX_PER_USER} open at once (opening another releases that user's oldest), an idle cursor
 * expires after 15 minutes, and a cursor is released once its last batch has been read. A cursor
 * keeps only the matched row numbers; values are read as each batch is written.
 */
final class QueryCursors {
  static final int MAX_PER_USER = 10;
  static final Duration IDLE = Duration.ofMinutes(15);

  /** An open cursor; {@code lastUsed} is wall-clock millis. */
  static final class Cursor {
    private final String id;
    private final String userId;
    private final QueryResult result;
    private long lastUsed;

    private Cursor(String id, String userId, QueryResult result, long now) {
      this.id = id;
      this.userId = userId;
      this.result = result;
      this.lastUsed = now;
    }

    String id() {
      return id;
    }

    QueryResult result() {
      return result;
    }
  }

  private final Clock clock;
  private final Map<String, Cursor> open = new LinkedHashMap<>();
  private final AtomicLong sequence = new AtomicLong(System.nanoTime() & 0xFFFFFFFL);

  QueryCursors(Clock clock) {
    this.clock = clock;
  }

  /** Opens a cursor over a result; returns its Id (key prefix {@code 01g}, as Salesforce's). */
  synchronized String open(String userId, QueryResult result) {
    long now = clock.millis();
    expire(now);
    int mine = 0;
    String oldest = null;
    for (Cursor c : open.values()) {
      if (c.userId.equals(userId)) {
        mine++;
        if (oldest == null) {
          oldest = c.id;
        }
      }
    }
    if (mine >= MAX_PER_USER) {
      open.remove(oldest);
    }
    String id = SalesforceId.of("01g", sequence.incrementAndGet());
    open.put(id, new Cursor(id, userId, result, now));
    return id;
  }

  /** The user's open cursor with this Id, or null when there is none (or it expired). */
  synchronized Cursor get(String id, String userId) {
    long now = clock.millis();
    expire(now);
    Cursor c = open.remove(id);
    if (c == null || !c.userId.equals(userId)) {
      if (c != null) {
        open.put(id, c);
      }
      return null;
    }
    c.lastUsed = now;
    open.put(id, c); // most recently used last
    return c;
  }

  synchronized void close(String id) {
    open.remove(id);
  }

  synchronized int size() {
    return open.size();
  }

  private void expire(long now) {
    for (Iterator<Cursor> it = open.values().iterator(); it.hasNext(); ) {
      if (now - it.next().lastUsed > IDLE.toMillis()) {
        it.remove();
      }
    }
  }
}
