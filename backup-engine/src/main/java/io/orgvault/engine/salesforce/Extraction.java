package io.orgvault.engine.salesforce;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The records of one {@link ExtractionRequest}, streamed through REST or Bulk API 2.0, converted to
 * canonical values. At any moment {@link #checkpoint()} says where the stream would continue, and a
 * {@link RunStoppedException} raised from it carries that checkpoint, so a run stopped by limits
 * loses nothing and repeats nothing when resumed with {@link SalesforceClient#resume}.
 */
public final class Extraction implements RecordStream<SalesforceRecord> {
  private final HttpTransport transport;
  private final ExtractionRequest request;
  private final ExtractionMethod method;
  private final String signature;
  private final RecordConverter converter;
  private final long expectedCount;
  private final ApiVersion version;

  // REST
  private RestQueryStream rest;
  private String lastId;
  private String restEndpoint;

  // Bulk
  private final String jobId;
  private final ApiVersion jobVersion;
  private final String startLocator;
  private final long startSkip;
  private boolean jobReady;
  private BulkResultStream bulk;
  private int[] columns;

  private long delivered;
  private SalesforceRecord pending;
  private boolean closed;

  private Extraction(
      HttpTransport transport,
      ExtractionRequest request,
      ExtractionMethod method,
      ApiVersion version,
      long expectedCount,
      String jobId,
      ApiVersion jobVersion,
      String startLocator,
      long startSkip,
      boolean jobReady,
      String lastId,
      long deliveredBefore) {
    this.transport = transport;
    this.request = request;
    this.method = method;
    this.version = version;
    this.signature = request.signature();
    this.converter = new RecordConverter(request);
    this.expectedCount = expectedCount;
    this.jobId = jobId;
    this.jobVersion = jobVersion;
    this.startLocator = startLocator;
    this.startSkip = startSkip;
    this.jobReady = jobReady;
    this.lastId = lastId;
    this.delivered = deliveredBefore;
  }

  static Extraction rest(
      HttpTransport t,
      ExtractionRequest r,
      ApiVersion v,
      long expected,
      String lastId,
      long deliveredBefore) {
    return new Extraction(
        t,
        r,
        ExtractionMethod.REST,
        v,
        expected,
        null,
        null,
        null,
        0,
        false,
        lastId,
        deliveredBefore);
  }

  static Extraction bulk(
      HttpTransport t,
      ExtractionRequest r,
      ApiVersion v,
      long expected,
      String jobId,
      ApiVersion jobVersion,
      String locator,
      long skip,
      boolean jobReady,
      long deliveredBefore) {
    return new Extraction(
        t,
        r,
        ExtractionMethod.BULK,
        v,
        expected,
        jobId,
        jobVersion,
        locator,
        skip,
        jobReady,
        null,
        deliveredBefore);
  }

  /** REST or BULK: how the records are being read. */
  public ExtractionMethod method() {
    return method;
  }

  public String objectName() {
    return request.object().name();
  }

  /** The record count measured to choose the method, or -1 when none was measured. */
  public long expectedCount() {
    return expectedCount;
  }

  /** Records delivered so far (including those delivered before a resume). */
  public long delivered() {
    return delivered;
  }

  /** The Bulk job's id, when reading through Bulk. */
  public Optional<String> bulkJobId() {
    return Optional.ofNullable(jobId);
  }

  /** Where this extraction continues: everything delivered so far is before it. */
  public ExtractionCheckpoint checkpoint() {
    if (method == ExtractionMethod.REST) {
      return ExtractionCheckpoint.rest(objectName(), signature, version.major(), lastId, delivered);
    }
    String locator = bulk == null ? startLocator : bulk.locator();
    long skip = bulk == null ? startSkip : bulk.deliveredInSet();
    return ExtractionCheckpoint.bulk(
        objectName(), signature, jobVersion.major(), jobId, locator, skip, delivered);
  }

  @Override
  public boolean hasNext() {
    if (pending != null) {
      return true;
    }
    if (closed) {
      return false;
    }
    try {
      pending = read();
    } catch (RunStoppedException e) {
      throw e.withCheckpoint(checkpoint());
    }
    return pending != null;
  }

  @Override
  public SalesforceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SalesforceRecord r = pending;
    pending = null;
    if (method == ExtractionMethod.REST) {
      rest.next(); // the raw record was taken by read(); advance the page position
      lastId = r.id();
    } else {
      bulk.next();
    }
    delivered++;
    return r;
  }

  private SalesforceRecord read() {
    if (method == ExtractionMethod.REST) {
      if (rest == null) {
        String condition = lastId == null ? null : "Id > '" + lastId + "'";
        String soql = request.soql(condition, true);
        rest = new RestQueryStream(transport, version, soql, request.includeDeleted());
        restEndpoint =
            "GET " + version.restBase() + (request.includeDeleted() ? "/queryAll" : "/query");
      }
      if (!rest.hasNext()) {
        return null;
      }
      return converter.fromJson(rest.peek(), restEndpoint);
    }
    if (!jobReady) {
      BulkQueryJob.awaitCompletion(transport, jobVersion, jobId, objectName());
      jobReady = true;
    }
    if (bulk == null) {
      bulk = new BulkResultStream(transport, jobVersion, jobId, startLocator, startSkip, delivered);
    }
    if (!bulk.hasNext()) {
      return null;
    }
    String endpoint = "GET " + jobVersion.restBase() + "/jobs/query/" + jobId + "/results";
    if (columns == null) {
      columns = converter.columns(bulk.header(), endpoint);
    }
    return converter.fromCsv(bulk.peek(), columns, endpoint);
  }

  @Override
  public void close() {
    closed = true;
    pending = null;
    if (rest != null) {
      rest.close();
    }
    if (bulk != null) {
      bulk.close();
    }
  }
}
