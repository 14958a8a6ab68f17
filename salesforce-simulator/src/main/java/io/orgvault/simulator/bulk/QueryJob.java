package io.orgvault.simulator.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orgvault.simulator.soql.QueryResult;
import java.time.Instant;

/**
 * A Bulk API 2.0 query job. The query's matches are kept as the engine's row numbers; values are
 * read only when a results page is streamed.
 */
final class QueryJob extends BulkJob {
  private final QueryResult result;
  private int numberRecordsProcessed;

  QueryJob(
      String id,
      long sequence,
      String operation,
      String createdById,
      Instant now,
      int apiVersion,
      ColumnDelimiter columnDelimiter,
      LineEnding lineEnding,
      QueryResult result) {
    super(
        id,
        sequence,
        operation,
        result.object().name(),
        createdById,
        now,
        apiVersion,
        columnDelimiter,
        lineEnding,
        JobState.UploadComplete);
    this.result = result;
  }

  @Override
  String jobType() {
    return "V2Query";
  }

  QueryResult result() {
    return result;
  }

  /** Completes the job unless it was aborted meanwhile. */
  synchronized void complete(Instant now) {
    if (state() == JobState.InProgress) {
      numberRecordsProcessed = result.totalSize();
      moveTo(JobState.JobComplete, now);
    }
  }

  @Override
  synchronized ObjectNode info() {
    ObjectNode n = head();
    putOptions(n);
    n.put("lineEnding", lineEnding().name());
    n.put("columnDelimiter", columnDelimiter().name());
    return n;
  }

  @Override
  synchronized ObjectNode detail() {
    ObjectNode n = head();
    putOptions(n);
    n.put("jobType", jobType());
    n.put("lineEnding", lineEnding().name());
    n.put("columnDelimiter", columnDelimiter().name());
    n.put("numberRecordsProcessed", numberRecordsProcessed);
    n.put("retries", 0);
    n.put("totalProcessingTime", processingMillis());
    n.put("isPkChunkingSupported", true);
    if (errorMessage() != null) {
      n.put("errorMessage", errorMessage());
    }
    return n;
  }

  @Override
  synchronized ObjectNode listEntry() {
    ObjectNode n = head();
    putOptions(n);
    n.put("jobType", jobType());
    n.put("lineEnding", lineEnding().name());
    n.put("columnDelimiter", columnDelimiter().name());
    return n;
  }
}
