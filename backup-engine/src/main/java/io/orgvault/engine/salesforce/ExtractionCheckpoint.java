package io.orgvault.engine.salesforce;

import java.util.Objects;

/**
 * Where an interrupted extraction continues: every record before this point was delivered to the
 * consumer, none after it. A plain value (it can be kept as JSON in a run's state) and free of
 * secrets.
 *
 * <ul>
 *   <li>Bulk: the query job (kept by Salesforce for days), the API version it was created with
 *       (results must be read with the same one), the locator of the result set in progress (null
 *       for the first) and how many of its records were delivered.
 *   <li>REST: the last Id delivered; records are read in Id order, so the rest is {@code Id >
 *       lastId}, which stays valid however long the pause (query cursors expire in minutes).
 * </ul>
 *
 * @param querySignature a fingerprint of the query, so a checkpoint is not applied to another one
 * @param delivered records delivered before this point, in total
 */
public record ExtractionCheckpoint(
    String objectName,
    String querySignature,
    ExtractionMethod method,
    int apiVersion,
    String bulkJobId,
    String bulkLocator,
    long skipInResultSet,
    String lastId,
    long delivered) {

  public ExtractionCheckpoint {
    Objects.requireNonNull(objectName, "objectName");
    Objects.requireNonNull(querySignature, "querySignature");
    if (method != ExtractionMethod.REST && method != ExtractionMethod.BULK) {
      throw new IllegalArgumentException("a checkpoint is of a REST or a Bulk extraction");
    }
    if (method == ExtractionMethod.BULK && bulkJobId == null) {
      throw new IllegalArgumentException("a Bulk checkpoint names its job");
    }
    if (skipInResultSet < 0 || delivered < 0) {
      throw new IllegalArgumentException("negative record counts");
    }
  }

  static ExtractionCheckpoint rest(
      String objectName, String signature, int apiVersion, String lastId, long delivered) {
    return new ExtractionCheckpoint(
        objectName, signature, ExtractionMethod.REST, apiVersion, null, null, 0, lastId, delivered);
  }

  static ExtractionCheckpoint bulk(
      String objectName,
      String signature,
      int apiVersion,
      String jobId,
      String locator,
      long skip,
      long delivered) {
    return new ExtractionCheckpoint(
        objectName,
        signature,
        ExtractionMethod.BULK,
        apiVersion,
        jobId,
        locator,
        skip,
        null,
        delivered);
  }
}
