package io.orgvault.simulator.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A Bulk API 2.0 ingest job: its uploaded CSV, and once processed, the outcome of every row. The
 * upload is kept as bytes until processing parses it; the parsed rows are kept for the result
 * resources, which echo the original columns.
 */
final class IngestJob extends BulkJob {
  /** Row outcomes. */
  static final byte UNPROCESSED = 0;

  static final byte CREATED = 1;
  static final byte UPDATED = 2;
  static final byte FAILED = 3;

  private final String externalIdFieldName;
  private final String contentUrl;
  private byte[] upload;
  private String[] header;
  private List<String[]> rows = List.of();
  private byte[] outcome = new byte[0];
  private String[] resultId = new String[0];
  private String[] error = new String[0];
  private volatile int processed;
  private volatile int failed;

  IngestJob(
      String id,
      long sequence,
      String operation,
      String object,
      String externalIdFieldName,
      String createdById,
      Instant now,
      int apiVersion,
      ColumnDelimiter columnDelimiter,
      LineEnding lineEnding) {
    super(
        id,
        sequence,
        operation,
        object,
        createdById,
        now,
        apiVersion,
        columnDelimiter,
        lineEnding,
        JobState.Open);
    this.externalIdFieldName = externalIdFieldName;
    this.contentUrl = "services/data/v" + apiVersion + ".0/jobs/ingest/" + id + "/batches";
  }

  @Override
  String jobType() {
    return "V2Ingest";
  }

  String externalIdFieldName() {
    return externalIdFieldName;
  }

  synchronized boolean hasUpload() {
    return upload != null;
  }

  synchronized void upload(byte[] data) {
    upload = data;
  }

  synchronized byte[] uploadBytes() {
    return upload;
  }

  /** Keeps the parsed rows and drops the raw upload. */
  synchronized void parsed(String[] header, List<String[]> rows) {
    this.header = header;
    this.rows = List.copyOf(rows);
    this.outcome = new byte[rows.size()];
    this.resultId = new String[rows.size()];
    this.error = new String[rows.size()];
    this.upload = null;
  }

  /** What the result resources read, taken at one moment. */
  record Results(
      String[] header,
      List<String[]> rows,
      byte[] outcome,
      String[] resultId,
      String[] error,
      byte[] upload) {}

  synchronized Results results() {
    return new Results(header, rows, outcome.clone(), resultId.clone(), error.clone(), upload);
  }

  synchronized void succeeded(int i, String id, boolean created) {
    if (i >= outcome.length) {
      return; // released by a delete while the row was being written
    }
    outcome[i] = created ? CREATED : UPDATED;
    resultId[i] = id;
    processed++;
  }

  synchronized void failed(int i, String id, String message) {
    if (i >= outcome.length) {
      return;
    }
    outcome[i] = FAILED;
    resultId[i] = id;
    error[i] = message;
    processed++;
    failed++;
  }

  /** Frees what the job holds once it is deleted. */
  synchronized void release() {
    upload = null;
    rows = List.of();
    outcome = new byte[0];
    resultId = new String[0];
    error = new String[0];
  }

  @Override
  synchronized ObjectNode info() {
    ObjectNode n = head();
    putExternalId(n);
    putOptions(n);
    if (state() == JobState.Open) {
      n.put("contentUrl", contentUrl);
    }
    putFormat(n);
    return n;
  }

  @Override
  synchronized ObjectNode detail() {
    ObjectNode n = head();
    putExternalId(n);
    putOptions(n);
    n.put("jobType", jobType());
    if (state() == JobState.Open) {
      n.put("contentUrl", contentUrl);
    }
    putFormat(n);
    n.put("numberRecordsProcessed", processed);
    n.put("numberRecordsFailed", failed);
    n.put("retries", 0);
    n.put("totalProcessingTime", processingMillis());
    n.put("apiActiveProcessingTime", processingMillis());
    n.put("apexProcessingTime", 0);
    putError(n);
    return n;
  }

  @Override
  synchronized ObjectNode listEntry() {
    ObjectNode n = head();
    putExternalId(n);
    putOptions(n);
    n.put("contentUrl", contentUrl);
    n.put("jobType", jobType());
    putFormat(n);
    return n;
  }

  private void putExternalId(ObjectNode n) {
    if (externalIdFieldName != null) {
      n.put("externalIdFieldName", externalIdFieldName);
    }
  }
}
