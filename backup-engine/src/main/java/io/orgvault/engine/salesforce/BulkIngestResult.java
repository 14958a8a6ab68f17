package io.orgvault.engine.salesforce;

import java.util.List;

/**
 * Per-input-row results of a Bulk 2.0 ingest job, in input order, plus the job id and API calls
 * used. A row Salesforce left unprocessed reports the error {@code UNPROCESSED}.
 */
public record BulkIngestResult(String jobId, List<SaveResult> results, int apiCalls) {
  public BulkIngestResult {
    results = List.copyOf(results);
  }
}
