package io.orgvault.engine.salesforce;

/** The write operations of a Bulk API 2.0 ingest job that {@link SalesforceClient} runs. */
public enum IngestOperation {
  INSERT("insert"),
  UPDATE("update"),
  UPSERT("upsert");

  private final String wireName;

  IngestOperation(String wireName) {
    this.wireName = wireName;
  }

  /** The job's {@code operation} value. */
  String wireName() {
    return wireName;
  }
}
