package io.orgvault.simulator.rest;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.org.FieldValues;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * {@code /sobjects/X/updated/} and {@code /sobjects/X/deleted/}: the Ids changed or deleted in a
 * window, for replication. As in Salesforce, the seconds of {@code start} and {@code end} are
 * ignored, {@code start} must precede {@code end} by at least a minute and lie no more than 30 days
 * back, the object must be replicateable, and more than 600,000 Ids is {@code EXCEEDED_ID_LIMIT}.
 * The window covered ends at {@code end} or now, whichever is earlier ({@code latestDateCovered}).
 *
 * <p>Updated records are the live ones whose {@code SystemModstamp} falls in the window (a record
 * deleted since is reported by the deleted resource instead). Deleted records are those in the
 * recycle bin. Records purged from it are gone: {@code earliestDateAvailable} is the deletion time
 * of the last purged record (or 15 days back when none was), and a window that contains a purged
 * record's deletion fails with {@code INVALID_REPLICATION_DATE}, telling the client it must
 * resynchronise.
 */
final class ReplicationResource {
  static final int MAX_IDS = 600_000;
  static final Duration MAX_AGE = Duration.ofDays(30);

  private final SimulatorContext ctx;

  ReplicationResource(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  /** The window of a call, in epoch millis, already validated. */
  private record Window(long start, long end, long covered) {
    boolean contains(long t) {
      return t >= start && t < covered;
    }
  }

  void updated(Request request, SObjectSchema s) throws IOException {
    HttpMethods.require(request, "GET");
    ObjectTable t = table(s);
    Window w = window(request);
    int count = 0;
    for (int r = 0; r < t.size(); r++) {
      if (t.isLive(r) && w.contains(t.systemModstamp(r))) {
        count++;
      }
    }
    checkLimit(count);
    JsonOut.stream(
        request.exchange(),
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("ids");
          for (int r = 0; r < t.size(); r++) {
            if (t.isLive(r) && w.contains(t.systemModstamp(r))) {
              g.writeString(t.id(r));
            }
          }
          g.writeEndArray();
          g.writeStringField("latestDateCovered", format(w.covered()));
          g.writeEndObject();
        });
  }

  void deleted(Request request, SObjectSchema s) throws IOException {
    HttpMethods.require(request, "GET");
    ObjectTable t = table(s);
    Window w = window(request);
    boolean purgedInWindow = false;
    int count = 0;
    for (int r = 0; r < t.size(); r++) {
      if (t.isPurged(r) && t.deletedDate(r) > 0) {
        purgedInWindow |= w.contains(t.deletedDate(r));
      } else if (t.isRecycled(r) && w.contains(t.deletedDate(r))) {
        count++;
      }
    }
    long earliest = minute(ctx.org().earliestDeletionAvailable(t).toEpochMilli());
    if (purgedInWindow) {
      throw ApiException.badRequest(
          "INVALID_REPLICATION_DATE",
          "startDate precedes earliestDateAvailable "
              + format(earliest)
              + ": deleted records were purged; replicate the whole object again");
    }
    checkLimit(count);
    JsonOut.stream(
        request.exchange(),
        200,
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("deletedRecords");
          for (int r = 0; r < t.size(); r++) {
            if (t.isRecycled(r) && w.contains(t.deletedDate(r))) {
              g.writeStartObject();
              g.writeStringField("id", t.id(r));
              g.writeStringField("deletedDate", format(t.deletedDate(r)));
              g.writeEndObject();
            }
          }
          g.writeEndArray();
          g.writeStringField("earliestDateAvailable", format(earliest));
          g.writeStringField("latestDateCovered", format(w.covered()));
          g.writeEndObject();
        });
  }

  private ObjectTable table(SObjectSchema s) {
    if (!s.replicateable()) {
      throw ApiException.badRequest(
          "INVALID_TYPE", "sObject type '" + s.name() + "' does not support replication");
    }
    return ctx.org().table(s.name());
  }

  private Window window(Request request) {
    long start = minute(parse(request, "start"));
    long end = minute(parse(request, "end"));
    long now = now();
    if (start >= end) {
      throw ApiException.badRequest(
          "INVALID_REPLICATION_DATE", "startDate must chronologically precede endDate");
    }
    if (start < minute(now - MAX_AGE.toMillis())) {
      throw ApiException.badRequest(
          "INVALID_REPLICATION_DATE",
          "startDate cannot be more than 30 days ago: " + format(start));
    }
    long covered = Math.max(start, Math.min(end, minute(now)));
    return new Window(start, end, covered);
  }

  private static long parse(Request request, String name) {
    String v = request.param(name);
    if (v == null || v.isBlank()) {
      throw ApiException.badRequest("MISSING_ARGUMENT", name + " date is required");
    }
    try {
      return FieldValues.parseDateTime(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "INVALID_REPLICATION_DATE",
          "Invalid "
              + name
              + " date: "
              + v
              + " (expected a UTC date-time such as 2024-01-31T12:00:00Z)");
    }
  }

  private static void checkLimit(int count) {
    if (count > MAX_IDS) {
      throw ApiException.badRequest(
          "EXCEEDED_ID_LIMIT",
          "record limit reached: more than "
              + MAX_IDS
              + " records in the window; choose start and end dates closer together");
    }
  }

  private long now() {
    return ctx.org().clock().now().toEpochMilli();
  }

  private static long minute(long millis) {
    return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
  }

  private static String format(long millis) {
    return FieldValues.restDateTime(Instant.ofEpochMilli(millis));
  }
}
