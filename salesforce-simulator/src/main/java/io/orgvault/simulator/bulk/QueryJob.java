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

  @Override
  synchronized boolean complete(Instant now) {
    if (!super.complete(now)) {
      return false;
    }
    numberRecordsProcessed = result.totalSize();
    return true;
  }

  @Override
  synchronized ObjectNode info() {
    ObjectNode n = head();
    putOptions(n);
    putFormat(n);
    return n;
  }

  @Override
  synchronized ObjectNode detail() {
    ObjectNode n = head();
    putOptions(n);
    n.put("jobType", jobType());
    putFormat(n);
    n.put("numberRecordsProcessed", numberRecordsProcessed);
    n.put("retries", 0);
    n.put("totalProcessingTime", processingMillis());
    n.put("isPkChunkingSupported", true);
    putError(n);
    return n;
  }

  @Override
  synchronized ObjectNode listEntry() {
    ObjectNode n = head();
    putOptions(n);
    n.put("jobType", jobType());
    putFormat(n);
    return n;
  }
}
