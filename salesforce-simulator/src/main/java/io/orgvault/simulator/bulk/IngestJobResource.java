package io.orgvault.simulator.bulk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import io.orgvault.simulator.org.FieldDef;
import io.orgvault.simulator.org.ObjectTable;
import io.orgvault.simulator.org.SObjectSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * {@code /jobs/ingest}: Bulk API 2.0 ingest jobs. A job is created {@code Open}, takes one CSV
 * upload, and on {@code UploadComplete} is processed in the background through the org's DML as the
 * user who created it; the result resources then list successful, failed and unprocessed rows.
 */
final class IngestJobResource {
  /** Salesforce limits one upload to 150 MB once Base64-encoded (about 100 MB of CSV). */
  static final long MAX_UPLOAD_BASE64_BYTES = 150L * 1024 * 1024;

  /** CSV sent with the job in one multipart request is limited to 100,000 characters. */
  static final int MAX_MULTIPART_CHARACTERS = 100_000;

  /**
   * Salesforce splits a job's data into internal batches of 10,000 records, processed in parallel;
   * "the order of records in the response is not guaranteed". The simulator lists the batches'
   * results last batch first (rows within a batch in order), so clients cannot rely on order.
   */
  static final int INTERNAL_BATCH = 10_000;

  private static final Set<String> OPERATIONS =
      Set.of("insert", "update", "upsert", "delete", "hardDelete");
  private static final Set<String> CREATE_PROPERTIES =
      Set.of(
          "object",
          "operation",
          "externalIdFieldName",
          "contentType",
          "columnDelimiter",
          "lineEnding",
          "assignmentRuleId");
  private static final Set<String> PATCH_PROPERTIES = Set.of("state");

  private final SimulatorContext ctx;
  private final JobStore jobs;
  private final Executor worker;
  private final long minProcessingMillis;

  IngestJobResource(
      SimulatorContext ctx, JobStore jobs, Executor worker, long minProcessingMillis) {
    this.ctx = ctx;
    this.jobs = jobs;
    this.worker = worker;
    this.minProcessingMillis = minProcessingMillis;
  }

  /**
   * {@code POST jobs/ingest}: a JSON job definition creates an Open job; a multipart request with
   * the job and its CSV creates the job already closed, and processing starts at once.
   */
  void create(Request req, int version) throws IOException {
    String contentType = req.header("Content-Type");
    if (!MultipartBody.isMultipart(contentType)) {
      IngestJob job = create(req, version, JobRequests.body(req, CREATE_PROPERTIES));
      Responses.json(req.exchange(), 200, job.info());
      return;
    }
    MultipartBody multipart = MultipartBody.parse(contentType, req.bodyBytes());
    String jobJson = multipart.part("job");
    String content = multipart.part("content");
    if (jobJson == null || content == null) {
      throw BulkErrors.apiError(
          "A multipart create request needs a 'job' part and a 'content' part");
    }
    if (content.length() > MAX_MULTIPART_CHARACTERS) {
      throw BulkErrors.apiError(
          "The CSV data of a multipart request exceeds "
              + MAX_MULTIPART_CHARACTERS
              + " characters; upload it with a separate request");
    }
    ObjectNode body = JobRequests.body(jobJson.getBytes(StandardCharsets.UTF_8), CREATE_PROPERTIES);
    IngestJob job = create(req, version, body);
    job.upload(content.getBytes(StandardCharsets.UTF_8));
    job.advance(JobState.Open, JobState.UploadComplete, ctx.org().clock().now());
    ObjectNode info = job.info();
    worker.execute(() -> process(job));
    Responses.json(req.exchange(), 200, info);
  }

  private IngestJob create(Request req, int version, ObjectNode body) {
    String operation = JobRequests.text(body, "operation");
    if (operation == null || !OPERATIONS.contains(operation)) {
      throw BulkErrors.invalidValue("operation", operation == null ? "" : operation);
    }
    String objectName = JobRequests.text(body, "object");
    ObjectTable table = objectName == null ? null : ctx.org().table(objectName);
    if (table == null) {
      throw BulkErrors.invalidJob(
          "Unable to find object: " + (objectName == null ? "" : objectName));
    }
    SObjectSchema schema = table.schema();
    String externalId = JobRequests.text(body, "externalIdFieldName");
    if (operation.equals("upsert")) {
      if (externalId == null || externalId.isBlank()) {
        throw BulkErrors.invalidJob(
            "External ID was blank for "
                + schema.name()
                + ". An External ID must be specified for upsert.");
      }
      FieldDef ext = schema.field(externalId);
      if (ext == null || !(ext.externalId() || ext.name().equals(SObjectSchema.ID))) {
        throw BulkErrors.invalidJob(
            "Field name provided, "
                + externalId
                + " does not match an External ID for "
                + schema.name());
      }
      externalId = ext.name();
    }
    JobRequests.checkContentType(body);
    ColumnDelimiter delimiter =
        JobRequests.option(body, "columnDelimiter", ColumnDelimiter.class, ColumnDelimiter.COMMA);
    LineEnding lineEnding = JobRequests.option(body, "lineEnding", LineEnding.class, LineEnding.LF);
    String ext = operation.equals("upsert") ? externalId : null;
    String userId = req.session().userId();
    return jobs.create(
        seq ->
            new IngestJob(
                JobStore.idOf(seq),
                seq,
                operation,
                schema.name(),
                ext,
                userId,
                ctx.org().clock().now(),
                version,
                delimiter,
                lineEnding));
  }

  /** {@code PUT jobs/ingest/<id>/batches}: the job's CSV data, once, while the job is Open. */
  void upload(Request req, String id) throws IOException {
    IngestJob job = jobs.find(id, IngestJob.class);
    String contentType = req.header("Content-Type");
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
      throw BulkErrors.apiError(
          "Unsupported Content-Type for job data: " + contentType + "; use text/csv");
    }
    checkUploadable(job);
    byte[] data = req.bodyBytes();
    if ((data.length + 2L) / 3 * 4 > MAX_UPLOAD_BASE64_BYTES) {
      throw BulkErrors.apiError(
          "The job data exceeds the limit of 150 MB of Base64-encoded content");
    }
    synchronized (job) {
      checkUploadable(job);
      job.upload(data);
    }
    Responses.send(req.exchange(), 201, null, null);
  }

  private static void checkUploadable(IngestJob job) {
    synchronized (job) {
      if (job.state() != JobState.Open) {
        throw BulkErrors.invalidJobState(
            "Data can be uploaded only while the job is Open; the job is " + job.state());
      }
      if (job.hasUpload()) {
        throw new ApiException(
            400,
            "BULK_API_ERROR",
            "Found multipe contents for job: <"
                + job.id().substring(0, 15)
                + ">, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job"
                + " and make sure you only do 'PUT' once on a given Job.");
      }
    }
  }

  void patch(Request req, String id) throws IOException {
    IngestJob job = jobs.find(id, IngestJob.class);
    ObjectNode body = JobRequests.body(req, PATCH_PROPERTIES);
    JobState wanted = JobRequests.requestedState(body);
    ObjectNode info;
    switch (wanted) {
      case UploadComplete -> {
        if (!job.advance(JobState.Open, JobState.UploadComplete, ctx.org().clock().now())) {
          throw BulkErrors.invalidJobState(
              "Invalid state transition from " + job.state() + " to UploadComplete");
        }
        info = job.info(); // as closed, before the worker picks the job up
        worker.execute(() -> process(job));
      }
      case Aborted -> {
        JobRequests.abort(job, ctx.org().clock().now());
        info = job.info();
      }
      default ->
          throw BulkErrors.invalidJobState(
              "Invalid state transition from " + job.state() + " to " + wanted);
    }
    Responses.json(req.exchange(), 200, info);
  }

  private void process(IngestJob job) {
    if (job.discarded()
        || !job.advance(JobState.UploadComplete, JobState.InProgress, ctx.org().clock().now())) {
      return;
    }
    QueryJobResource.pause(minProcessingMillis);
    new IngestProcessor(ctx.org(), job, job.createdById()).run();
  }

  void list(Request req, int version) throws IOException {
    JobRequests.list(
        req, jobs.list(IngestJob.class), "/services/data/v" + version + ".0/jobs/ingest");
  }

  void get(Request req, String id) throws IOException {
    Responses.json(req.exchange(), 200, jobs.find(id, IngestJob.class).detail());
  }

  void delete(Request req, String id) throws IOException {
    IngestJob job = jobs.find(id, IngestJob.class);
    synchronized (job) {
      JobState s = job.state();
      if (s == JobState.Open || s == JobState.InProgress) {
        throw BulkErrors.invalidJobState(
            "A job can be deleted only in the UploadComplete, JobComplete, Aborted or Failed"
                + " state; this job is "
                + s);
      }
      jobs.remove(job);
    }
    Responses.send(req.exchange(), 204, null, null);
  }

  /** Which rows a result resource lists. */
  enum ResultKind {
    SUCCESSFUL,
    FAILED,
    UNPROCESSED
  }

  /** The input row listed at position {@code n} of a result resource: last batch first. */
  static int resultOrder(int n, int rows) {
    int batches = (rows + INTERNAL_BATCH - 1) / INTERNAL_BATCH;
    int lastSize = rows - (batches - 1) * INTERNAL_BATCH;
    if (n < lastSize) {
      return (batches - 1) * INTERNAL_BATCH + n;
    }
    int rest = n - lastSize;
    int batch = batches - 2 - rest / INTERNAL_BATCH;
    return batch * INTERNAL_BATCH + rest % INTERNAL_BATCH;
  }

  /** {@code successfulResults/}, {@code failedResults/} and {@code unprocessedrecords/}. */
  void results(Request req, String id, ResultKind kind) throws IOException {
    IngestJob job = jobs.find(id, IngestJob.class);
    IngestJob.Results snapshot = job.results();
    String[] header = snapshot.header();
    List<String[]> rows = snapshot.rows();
    byte[] raw = snapshot.upload();
    HttpExchange ex = req.exchange();
    ex.getResponseHeaders().set("Content-Type", "text/csv");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream os = ex.getResponseBody()) {
      if (kind == ResultKind.UNPROCESSED && header != null && header.length == 0) {
        return; // the job had no data
      }
      if (header == null && kind == ResultKind.UNPROCESSED) {
        // Never parsed (still open, or the data could not be read): echo the upload as it came.
        if (raw != null) {
          os.write(raw);
        }
        return;
      }
      CsvWriter w = new CsvWriter(os, job.columnDelimiter(), job.lineEnding());
      switch (kind) {
        case SUCCESSFUL -> {
          w.quoted("sf__Id");
          w.quoted("sf__Created");
        }
        case FAILED -> {
          w.quoted("sf__Id");
          w.quoted("sf__Error");
        }
        case UNPROCESSED -> {}
      }
      if (header != null) {
        for (String h : header) {
          w.plain(h);
        }
      }
      w.endRow();
      for (int n = 0; n < rows.size(); n++) {
        int i = resultOrder(n, rows.size());
        byte outcome = snapshot.outcome()[i];
        boolean listed =
            switch (kind) {
              case SUCCESSFUL -> outcome == IngestJob.CREATED || outcome == IngestJob.UPDATED;
              case FAILED -> outcome == IngestJob.FAILED;
              case UNPROCESSED -> outcome == IngestJob.UNPROCESSED;
            };
        if (!listed) {
          continue;
        }
        if (kind == ResultKind.SUCCESSFUL) {
          w.quoted(snapshot.resultId()[i]);
          w.quoted(outcome == IngestJob.CREATED ? "true" : "false");
        } else if (kind == ResultKind.FAILED) {
          String resultId = snapshot.resultId()[i];
          w.quoted(resultId == null ? "" : resultId);
          w.quoted(snapshot.error()[i]);
        }
        for (String v : rows.get(i)) {
          w.plain(v);
        }
        w.endRow();
      }
      w.flush();
    }
  }
}
