package io.orgvault.engine.salesforce;

/**
 * A Bulk API 2.0 ingest job ended {@code Failed} or {@code Aborted}, or did not finish in time.
 * Rows Salesforce processed before that stay written, so the exception carries what the job's
 * result resources reported for every input row ({@link #partial()}): saved rows as successes, rows
 * it refused with their errors, the rest as {@code UNPROCESSED}. It is null when the results could
 * not be read; the journal must then reconcile by querying.
 */
public class BulkIngestFailedException extends SalesforceApiException {
  private final String jobId;
  private final String state;
  private final transient BulkIngestResult partial;

  public BulkIngestFailedException(
      String jobId, String state, String message, BulkIngestResult partial) {
    super(0, "BULK_JOB_" + state.toUpperCase(java.util.Locale.ROOT), message);
    this.jobId = jobId;
    this.state = state;
    this.partial = partial;
  }

  public String jobId() {
    return jobId;
  }

  /** {@code Failed}, {@code Aborted}, or the last state seen when the wait timed out. */
  public String state() {
    return state;
  }

  /** Per-row outcomes in input order as far as Salesforce reported them, or null. */
  public BulkIngestResult partial() {
    return partial;
  }
}
