package io.orgvault.simulator.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.org.FieldValues;
import java.time.Instant;

/**
 * What query and ingest jobs share: identity, creator, options, state and timing. State changes are
 * synchronised on the job; the info JSON is rendered from one consistent snapshot.
 */
abstract class BulkJob {
  private final String id;
  private final String operation;
  private final String createdById;
  private final Instant createdDate;
  private final int apiVersion;
  private final ColumnDelimiter columnDelimiter;
  private final LineEnding lineEnding;
  private final long sequence;
  private final String object;
  private JobState state;
  private Instant systemModstamp;
  private String errorMessage;
  private long startedNanos;
  private long processingMillis;
  private volatile boolean discarded;

  BulkJob(
      String id,
      long sequence,
      String operation,
      String object,
      String createdById,
      Instant now,
      int apiVersion,
      ColumnDelimiter columnDelimiter,
      LineEnding lineEnding,
      JobState initial) {
    this.id = id;
    this.sequence = sequence;
    this.operation = operation;
    this.object = object;
    this.createdById = createdById;
    this.createdDate = now;
    this.systemModstamp = now;
    this.apiVersion = apiVersion;
    this.columnDelimiter = columnDelimiter;
    this.lineEnding = lineEnding;
    this.state = initial;
  }

  String id() {
    return id;
  }

  /** Creation order, for listing jobs. */
  long sequence() {
    return sequence;
  }

  String operation() {
    return operation;
  }

  String object() {
    return object;
  }

  int apiVersion() {
    return apiVersion;
  }

  ColumnDelimiter columnDelimiter() {
    return columnDelimiter;
  }

  LineEnding lineEnding() {
    return lineEnding;
  }

  String createdById() {
    return createdById;
  }

  synchronized JobState state() {
    return state;
  }

  /** Moves the job from one state to another; false when it is no longer in {@code from}. */
  synchronized boolean advance(JobState from, JobState to, Instant now) {
    if (state != from) {
      return false;
    }
    moveTo(to, now);
    return true;
  }

  /** "Query" jobs and "Ingest" jobs live under different resources. */
  abstract String jobType();

  /** Moves the job to a state; the caller has checked that the move is allowed. */
  synchronized void moveTo(JobState next, Instant now) {
    if (next == JobState.InProgress && startedNanos == 0) {
      startedNanos = System.nanoTime();
    }
    if (next.terminal() && startedNanos != 0) {
      processingMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    }
    state = next;
    systemModstamp = now;
  }

  /** Completes the job unless it was aborted meanwhile; false when it was. */
  synchronized boolean complete(Instant now) {
    return advance(JobState.InProgress, JobState.JobComplete, now);
  }

  synchronized void fail(String message, Instant now) {
    errorMessage = message;
    moveTo(JobState.Failed, now);
  }

  /** Set when the job is deleted or evicted: background work for it stops. */
  boolean discarded() {
    return discarded;
  }

  void discard() {
    discarded = true;
  }

  synchronized long processingMillis() {
    return processingMillis;
  }

  /** The fields every job info starts with, in Salesforce's order. */
  synchronized ObjectNode head() {
    ObjectNode n = Responses.JSON.createObjectNode();
    n.put("id", id);
    n.put("operation", operation);
    n.put("object", object);
    n.put("createdById", createdById);
    n.put("createdDate", FieldValues.restDateTime(createdDate));
    n.put("systemModstamp", FieldValues.restDateTime(systemModstamp));
    n.put("state", state.name());
    return n;
  }

  /** The job info a create, close or abort request returns. */
  abstract ObjectNode info();

  /** The job info a GET of the job returns: {@link #info()} plus progress. */
  abstract ObjectNode detail();

  /** The entry of a job in a list of all jobs. */
  abstract ObjectNode listEntry();

  /** The options part shared by every rendering. */
  synchronized void putOptions(ObjectNode n) {
    n.put("concurrencyMode", "Parallel");
    n.put("contentType", "CSV");
    n.put("apiVersion", (double) apiVersion);
  }

  /** The CSV format of the job's data, in every rendering. */
  void putFormat(ObjectNode n) {
    n.put("lineEnding", lineEnding.name());
    n.put("columnDelimiter", columnDelimiter.name());
  }

  /** Why the job failed, in the detail of a failed job. */
  synchronized void putError(ObjectNode n) {
    if (errorMessage != null) {
      n.put("errorMessage", errorMessage);
    }
  }
}
