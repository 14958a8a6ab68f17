package io.orgvault.simulator.rest;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.soql.QueryEngine;
import io.orgvault.simulator.soql.QueryResult;
import io.orgvault.simulator.soql.SoqlException;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code /query} and {@code /queryAll}: runs SOQL and pages through the result. A page holds the
 * batch size asked for in {@code Sforce-Query-Options: batchSize=N} (clamped to 200..2000, default
 * 2000); when more rows remain, the response carries {@code nextRecordsUrl}, a locator of the form
 * {@code <cursorId>-<offset>} that {@code GET query/<locator>} continues from.
 */
final class QueryResource {
  static final int MIN_BATCH = 200;
  static final int MAX_BATCH = 2000;

  private final SimulatorContext ctx;
  private final QueryCursors cursors = new QueryCursors();

  QueryResource(SimulatorContext ctx) {
    this.ctx = ctx;
  }

  void handle(Request request, ResourcePath path) throws IOException {
    HttpMethods.require(request, "GET");
    String resource = path.get(0);
    if (path.size() == 2) {
      nextPage(request, path, resource);
      return;
    }
    if (path.size() != 1) {
      throw ApiException.notFound();
    }
    String soql = request.param("q");
    if (soql == null || soql.isBlank()) {
      throw ApiException.badRequest("MALFORMED_QUERY", "A query string has to be specified");
    }
    QueryResult result;
    try {
      result = new QueryEngine(ctx.org()).execute(soql, resource.equals("queryAll"));
    } catch (SoqlException e) {
      throw ApiException.badRequest(e.errorCode(), e.getMessage());
    }
    int batch = batchSize(request.header("Sforce-Query-Options"), MAX_BATCH);
    write(request, path, resource, result, null, 0, batch);
  }

  private void nextPage(Request request, ResourcePath path, String resource) throws IOException {
    String locator = path.get(1);
    int dash = locator.lastIndexOf('-');
    int offset = -1;
    if (dash > 0) {
      try {
        offset = Integer.parseInt(locator.substring(dash + 1));
      } catch (NumberFormatException e) {
        offset = -1;
      }
    }
    QueryCursors.Cursor cursor =
        offset < 0
            ? null
            : cursors.use(locator.substring(0, dash), request.session().userId(), now());
    if (cursor == null || offset >= cursor.result.totalSize()) {
      throw ApiException.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
    }
    int batch = batchSize(request.header("Sforce-Query-Options"), cursor.batchSize);
    write(request, path, resource, cursor.result, cursor.id, offset, batch);
  }

  private void write(
      Request request,
      ResourcePath path,
      String resource,
      QueryResult result,
      String cursorId,
      int from,
      int batch)
      throws IOException {
    int total = result.totalSize();
    int to = result.isCount() ? from : Math.min(total, from + batch);
    boolean done = result.isCount() || to >= total;
    String next = null;
    if (!done) {
      String id =
          cursorId != null
              ? cursorId
              : cursors.open(request.session().userId(), result, batch, now());
      next = path.base() + "/" + resource + "/" + id + "-" + to;
    }
    String nextUrl = next;
    JsonOut.stream(
        request.exchange(),
        200,
        g -> {
          g.writeStartObject();
          g.writeNumberField("totalSize", total);
          g.writeBooleanField("done", done);
          if (nextUrl != null) {
            g.writeStringField("nextRecordsUrl", nextUrl);
          }
          g.writeArrayFieldStart("records");
          if (to > from) {
            new QueryPage(result).write(g, path.base(), from, to);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** The batch size an {@code Sforce-Query-Options} header asks for, clamped as Salesforce does. */
  static int batchSize(String header, int fallback) {
    if (header == null) {
      return fallback;
    }
    for (String option : header.split("[,;]")) {
      String[] kv = option.split("=", 2);
      if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("batchsize")) {
        try {
          int n = Integer.parseInt(kv[1].trim());
          return Math.max(MIN_BATCH, Math.min(MAX_BATCH, n));
        } catch (NumberFormatException e) {
          return fallback;
        }
      }
    }
    return fallback;
  }

  private long now() {
    return ctx.org().clock().now().toEpochMilli();
  }
}
