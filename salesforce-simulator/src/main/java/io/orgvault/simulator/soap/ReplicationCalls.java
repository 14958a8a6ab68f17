package io.orgvault.simulator.soap;

import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.Org;
import io.orgvault.simulator.org.SObjectSchema;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * {@code getUpdated} and {@code getDeleted}, following the SOAP API's data replication rules: the
 * seconds of {@code startDate} and {@code endDate} are ignored, {@code startDate} must precede
 * {@code endDate} and lie no more than 30 days back, and {@code latestDateCovered} never runs past
 * the present, so polling from it misses nothing. A record counts when its SystemModstamp (or, for
 * {@code getDeleted}, its deletion) falls in {@code [startDate, latestDateCovered)}.
 */
final class ReplicationCalls {
  static final Duration WINDOW = Duration.ofDays(30);

  /** More Ids than this fail the call with {@code EXCEEDED_ID_LIMIT}. */
  static final int MAX_IDS = 600_000;

  private ReplicationCalls() {}

  /** The rows a replication call matched and the span it covered. */
  private record Span(ObjectTable table, int[] rows, int count, Instant latestDateCovered) {}

  static void getUpdated(SoapCall call) throws IOException {
    Span span = span(call, false);
    SoapWriter w = call.respond("getUpdatedResponse");
    w.start("result");
    for (int i = 0; i < span.count(); i++) {
      w.element("ids", span.table().id(span.rows()[i]));
    }
    w.element("latestDateCovered", FieldValues.isoDateTime(span.latestDateCovered()));
    w.end();
    call.finish();
  }

  static void getDeleted(SoapCall call) throws IOException {
    Span span = span(call, true);
    Instant earliest = call.ctx().org().earliestDeletionAvailable(span.table());
    SoapWriter w = call.respond("getDeletedResponse");
    w.start("result");
    for (int i = 0; i < span.count(); i++) {
      int row = span.rows()[i];
      w.start("deletedRecords");
      w.element(
          "deletedDate",
          FieldValues.isoDateTime(Instant.ofEpochMilli(span.table().deletedDate(row))));
      w.element("id", span.table().id(row));
      w.end();
    }
    w.element("earliestDateAvailable", FieldValues.isoDateTime(earliest));
    w.element("latestDateCovered", FieldValues.isoDateTime(span.latestDateCovered()));
    w.end();
    call.finish();
  }

  private static Span span(SoapCall call, boolean deleted) {
    XmlNode op = call.operation();
    Org org = call.ctx().org();
    String type = op.childText("sObjectType");
    SObjectSchema schema = type == null ? null : org.catalog().object(type.trim());
    if (schema == null) {
      throw SoapFault.invalidType(type == null ? "" : type.trim());
    }
    if (!schema.replicateable()) {
      throw SoapFault.unexpected(
          "INVALID_TYPE", "sObject type '" + schema.name() + "' is not replicateable");
    }
    Instant start = minute(date(op, "startDate"));
    Instant end = minute(date(op, "endDate"));
    if (!start.isBefore(end)) {
      throw replicationDate("startDate must chronologically precede endDate");
    }
    Instant now = org.clock().now();
    if (start.isBefore(minute(now).minus(WINDOW))) {
      throw replicationDate(
          "startDate cannot be more than " + WINDOW.toDays() + " days before the current date");
    }
    Instant covered = end.isAfter(minute(now)) ? minute(now) : end;
    if (covered.isBefore(start)) {
      covered = start;
    }
    long from = start.toEpochMilli();
    long to = covered.toEpochMilli();
    ObjectTable t = org.table(schema.name());
    int[] rows = new int[64];
    int n = 0;
    for (int r = 0; r < t.size(); r++) {
      boolean match;
      if (deleted) {
        match = t.isRecycled(r) && t.deletedDate(r) >= from && t.deletedDate(r) < to;
      } else {
        match = t.isLive(r) && t.systemModstamp(r) >= from && t.systemModstamp(r) < to;
      }
      if (match) {
        if (n == MAX_IDS) {
          throw SoapFault.unexpected(
              "EXCEEDED_ID_LIMIT",
              "More than "
                  + MAX_IDS
                  + " records match; choose start and end dates closer together");
        }
        if (n == rows.length) {
          rows = Arrays.copyOf(rows, rows.length * 2);
        }
        rows[n++] = r;
      }
    }
    return new Span(t, rows, n, covered);
  }

  private static Instant date(XmlNode op, String name) {
    String s = op.childText(name);
    if (s == null || s.isBlank()) {
      throw replicationDate(name + " is required");
    }
    try {
      return FieldValues.parseDateTime(s);
    } catch (DateTimeParseException e) {
      throw replicationDate(name + " is not a valid dateTime: " + s);
    }
  }

  private static Instant minute(Instant i) {
    return i.truncatedTo(ChronoUnit.MINUTES);
  }

  private static SoapFault replicationDate(String message) {
    return SoapFault.unexpected("INVALID_REPLICATION_DATE", message);
  }
}
