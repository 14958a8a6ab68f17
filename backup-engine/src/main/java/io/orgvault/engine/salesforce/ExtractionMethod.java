package io.orgvault.engine.salesforce;

/** How records are extracted. */
public enum ExtractionMethod {
  /** Bulk API 2.0 for objects with at least the threshold's number of records, else REST. */
  AUTO,
  /** REST {@code query}/{@code queryAll}, page by page. */
  REST,
  /** A Bulk API 2.0 query job, result set by result set. */
  BULK
}
