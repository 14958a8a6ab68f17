package io.orgvault.simulator.bulk;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.ApiVersions;
import io.orgvault.simulator.http.Handler;
import io.orgvault.simulator.http.Request;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk API 2.0 under {@code /services/data/vNN.0/jobs/}: query jobs ({@code jobs/query}, API 47.0
 * and later) and ingest jobs ({@code jobs/ingest}, API 41.0 and later). The router has already
 * authenticated the caller and metered the call; this class dispatches by path and method. Jobs are
 * processed by a small pool of background threads, so clients poll for their state as they must
 * against Salesforce.
 */
public final class BulkApi implements Handler {
  /** Jobs kept at once; the oldest finished job makes room for a new one. */
  static final int MAX_JOBS = 2000;

  /** How long a job stays visibly in progress at least, so clients have to poll. */
  static final long MIN_PROCESSING_MILLIS = 100;

  private static final int QUERY_SINCE = 47;
  private static final int INGEST_SINCE = 41;

  private final QueryJobResource query;
  private final IngestJobResource ingest;

  public BulkApi(SimulatorContext ctx) {
    JobStore jobs = new JobStore(MAX_JOBS);
    ThreadPoolExecutor worker =
        new ThreadPoolExecutor(
            2, 2, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new WorkerThreads());
    worker.allowCoreThreadTimeOut(true);
    this.query = new QueryJobResource(ctx, jobs, worker, MIN_PROCESSING_MILLIS);
    this.ingest = new IngestJobResource(ctx, jobs, worker, MIN_PROCESSING_MILLIS);
  }

  @Override
  public void handle(Request req) throws IOException {
    int version = ApiVersions.of(req.path());
    String[] p =
        Arrays.stream(ApiVersions.rest(req.path()).split("/"))
            .filter(s -> !s.isEmpty())
            .toArray(String[]::new);
    if (p.length < 2 || !p[0].equals("jobs")) {
      throw BulkErrors.notFound();
    }
    String method = req.method();
    switch (p[1]) {
      case "query" -> {
        if (version < QUERY_SINCE) {
          throw BulkErrors.notFound();
        }
        query(req, method, p, version);
      }
      case "ingest" -> {
        if (version < INGEST_SINCE) {
          throw BulkErrors.notFound();
        }
        ingest(req, method, p, version);
      }
      default -> throw BulkErrors.notFound();
    }
  }

  private void query(Request req, String method, String[] p, int version) throws IOException {
    if (p.length == 2) {
      switch (method) {
        case "GET" -> query.list(req, version);
        case "POST" -> query.create(req, version);
        default -> throw notAllowed(method, "GET,POST");
      }
    } else if (p.length == 3) {
      switch (method) {
        case "GET" -> query.get(req, p[2]);
        case "PATCH" -> query.patch(req, p[2]);
        case "DELETE" -> query.delete(req, p[2]);
        default -> throw notAllowed(method, "GET,PATCH,DELETE");
      }
    } else if (p.length == 4 && p[3].equals("results")) {
      if (!method.equals("GET")) {
        throw notAllowed(method, "GET");
      }
      query.results(req, p[2], version);
    } else {
      throw BulkErrors.notFound();
    }
  }

  private void ingest(Request req, String method, String[] p, int version) throws IOException {
    if (p.length == 2) {
      switch (method) {
        case "GET" -> ingest.list(req, version);
        case "POST" -> ingest.create(req, version);
        default -> throw notAllowed(method, "GET,POST");
      }
    } else if (p.length == 3) {
      switch (method) {
        case "GET" -> ingest.get(req, p[2]);
        case "PATCH" -> ingest.patch(req, p[2]);
        case "DELETE" -> ingest.delete(req, p[2]);
        default -> throw notAllowed(method, "GET,PATCH,DELETE");
      }
    } else if (p.length == 4) {
      IngestJobResource.ResultKind kind =
          switch (p[3]) {
            case "successfulResults" -> IngestJobResource.ResultKind.SUCCESSFUL;
            case "failedResults" -> IngestJobResource.ResultKind.FAILED;
            case "unprocessedrecords" -> IngestJobResource.ResultKind.UNPROCESSED;
            case "batches" -> null;
            default -> throw BulkErrors.notFound();
          };
      if (kind == null) {
        if (!method.equals("PUT")) {
          throw notAllowed(method, "PUT");
        }
        ingest.upload(req, p[2]);
      } else {
        if (!method.equals("GET")) {
          throw notAllowed(method, "GET");
        }
        ingest.results(req, p[2], kind);
      }
    } else {
      throw BulkErrors.notFound();
    }
  }

  private static ApiException notAllowed(String method, String allowed) {
    return new ApiException(
        405,
        "METHOD_NOT_ALLOWED",
        "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
  }

  /** Daemon threads, so a simulator that is never closed does not keep the JVM alive. */
  private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "bulk-job-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
