package io.orgvault.audit.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** timestamptz <-> Instant through OffsetDateTime in UTC, the JDBC 4.2 mapping PgJDBC supports. */
public final class Timestamps {
  private Timestamps() {}

  public static OffsetDateTime toOffset(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }

  public static Instant fromOffset(OffsetDateTime t) {
    return t.toInstant();
  }
}
