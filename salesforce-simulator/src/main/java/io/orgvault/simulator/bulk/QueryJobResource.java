package io.orgvault.simulator.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.soql.Column;
import io.orgvault.simulator.soql.QueryEngine;
import io.orgvault.simulator.soql.QueryResult;
import io.orgvault.simulator.soql.SoqlException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /jobs/query}: Bulk API 2.0 query jobs. Creating a job checks and runs the query at once
 * (Salesforce refuses a bad query with 400), keeping only the matched row numbers; the job then
 * moves through {@code InProgress} to {@code JobComplete} in the background, and its results are
 * streamed page by page as CSV.
 */
final class QueryJobResource {
  /** Records per result set when the client gives no {@code maxRecords}. */
  static final int DEFAULT_MAX_RECORDS = 100_000;

  private static final Set<String> CREATE_PROPERTIES =
      Set.of("operation", "query", "contentType", "columnDelimiter", "lineEnding");
  private static final Set<String> PATCH_PROPERTIES = Set.of("state");

  private final SimulatorContext ctx;
  private final JobStore jobs;
  private final Executor worker;
  private final long minProcessingMillis;

  QueryJobResource(SimulatorContext ctx, JobStore jobs, Executor worker, long minProcessingMillis) {
    this.ctx = ctx;
    this.jobs = jobs;
    this.worker = worker;
    this.minProcessingMillis = minProcessingMillis;
  }

  void create(Request req, int version) throws IOException {
    ObjectNode body = JobRequests.body(req, CREATE_PROPERTIES);
    String operation = JobRequests.text(body, "operation");
    if (!"query".equals(operation) && !"queryAll".equals(operation)) {
      throw BulkErrors.invalidValue("operation", operation == null ? "" : operation);
    }
    String soql = JobRequests.text(body, "query");
    if (soql == null || soql.isBlank()) {
      throw BulkErrors.apiError("The query property is required");
    }
    JobRequests.checkContentType(body);
    ColumnDelimiter delimiter =
        JobRequests.option(body, "columnDelimiter", ColumnDelimiter.class, ColumnDelimiter.COMMA);
    LineEnding lineEnding = JobRequests.option(body, "lineEnding", LineEnding.class, LineEnding.LF);
    BulkQueryRules.checkText(ctx.org().catalog(), soql);
    QueryResult result;
    try {
      result = new QueryEngine(ctx.org()).execute(soql, operation.equals("queryAll"));
    } catch (SoqlException e) {
      throw new ApiException(400, e.errorCode(), e.getMessage());
    }
    BulkQueryRules.checkResult(ctx.org().catalog(), result);
    String userId = req.session().userId();
    QueryJob job =
        jobs.create(
            seq ->
                new QueryJob(
                    JobStore.idOf(seq),
                    seq,
                    operation,
                    userId,
                    ctx.org().clock().now(),
                    version,
                    delimiter,
                    lineEnding,
                    result));
    ObjectNode info = job.info(); // as created, before the worker picks the job up
    worker.execute(() -> process(job));
    Responses.json(req.exchange(), 200, info);
  }

  /** The background part: the job is seen in progress for a moment, then completes. */
  private void process(QueryJob job) {
    if (job.discarded()
        || !job.advance(JobState.UploadComplete, JobState.InProgress, ctx.org().clock().now())) {
      return;
    }
    pause(minProcessingMillis);
    job.complete(ctx.org().clock().now());
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void list(Request req, int version) throws IOException {
    JobRequests.list(
        req, jobs.list(QueryJob.class), "/services/data/v" + version + ".0/jobs/query");
  }

  void get(Request req, String id) throws IOException {
    Responses.json(req.exchange(), 200, jobs.find(id, QueryJob.class).detail());
  }

  void patch(Request req, String id) throws IOException {
    QueryJob job = jobs.find(id, QueryJob.class);
    ObjectNode body = JobRequests.body(req, PATCH_PROPERTIES);
    JobState wanted = JobRequests.requestedState(body);
    if (wanted != JobState.Aborted) {
      throw BulkErrors.invalidJobState(
          "Invalid state transition for a query job: only Aborted can be requested");
    }
    JobRequests.abort(job, ctx.org().clock().now());
    Responses.json(req.exchange(), 200, job.info());
  }

  void delete(Request req, String id) throws IOException {
    QueryJob job = jobs.find(id, QueryJob.class);
    synchronized (job) {
      if (!job.state().terminal()) {
        throw BulkErrors.invalidJobState(
            "A query job can be deleted only in the JobComplete, Aborted or Failed state; this"
                + " job is "
                + job.state());
      }
      jobs.remove(job);
    }
    Responses.send(req.exchange(), 204, null, null);
  }

  /** {@code GET jobs/query/<id>/results?locator=&maxRecords=}: one result set as CSV. */
  void results(Request req, String id, int version) throws IOException {
    QueryJob job = jobs.find(id, QueryJob.class);
    if (version != job.apiVersion()) {
      throw new ApiException(
          409,
          "API_ERROR",
          "The query job was created in API version "
              + job.apiVersion()
              + ".0; get its results with the same version");
    }
    JobState state = job.state();
    if (state != JobState.JobComplete) {
      throw BulkErrors.apiError(
          "Results are available only when the job is JobComplete; the job is " + state);
    }
    QueryResult result = job.result();
    int total = result.totalSize();
    int offset = 0;
    String locator = req.param("locator");
    if (locator != null && !locator.isEmpty()) {
      offset = ResultLocator.offset(locator);
      if (offset < 0 || offset > total) {
        throw BulkErrors.apiError("Invalid locator: " + locator);
      }
    }
    int max = maxRecords(req.param("maxRecords"));
    int count = (int) Math.min(max, (long) total - offset);
    String next = offset + count < total ? ResultLocator.of(offset + count) : ResultLocator.END;
    stream(req.exchange(), job, offset, count, next, acceptsGzip(req));
  }

  private static int maxRecords(String raw) {
    if (raw == null || raw.isEmpty()) {
      return DEFAULT_MAX_RECORDS;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw BulkErrors.apiError("Invalid value for maxRecords: " + raw);
  }

  static boolean acceptsGzip(Request req) {
    String ae = req.header("Accept-Encoding");
    return ae != null && ae.toLowerCase(java.util.Locale.ROOT).contains("gzip");
  }

  /** Writes one result set: a header row of dotted column names, then a row per record. */
  private static void stream(
      HttpExchange ex, QueryJob job, int offset, int count, String next, boolean gzip)
      throws IOException {
    QueryResult result = job.result();
    List<Column> columns = result.columns();
    ColumnReader[] readers = new ColumnReader[columns.size()];
    for (int c = 0; c < readers.length; c++) {
      readers[c] = new ColumnReader(result, columns.get(c));
    }
    var headers = ex.getResponseHeaders();
    headers.set("Content-Type", "text/csv");
    headers.set("Sforce-NumberOfRecords", Integer.toString(count));
    headers.set("Sforce-Locator", next);
    if (gzip) {
      headers.set("Content-Encoding", "gzip");
    }
    ex.sendResponseHeaders(200, 0);
    OutputStream body = ex.getResponseBody();
    try (OutputStream os = gzip ? new GZIPOutputStream(body, 64 * 1024) : body) {
      CsvWriter w = new CsvWriter(os, job.columnDelimiter(), job.lineEnding());
      for (Column c : columns) {
        w.quoted(c.dotted());
      }
      w.endRow();
      int end = offset + count;
      for (int i = offset; i < end; i++) {
        int row = result.row(i);
        for (ColumnReader r : readers) {
          w.value(r.read(i, row));
        }
        w.endRow();
      }
      w.flush();
    }
  }
}
