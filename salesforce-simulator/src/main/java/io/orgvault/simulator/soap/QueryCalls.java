package io.orgvault.simulator.soap;

import io.orgvault.simulator.soql.Column;
import io.orgvault.simulator.soql.QueryEngine;
import io.orgvault.simulator.soql.QueryResult;
import io.orgvault.simulator.soql.QueryResult.ParentRef;
import java.io.IOException;
import java.util.List;

/**
 * {@code query}, {@code queryAll} and {@code queryMore}. A query answers its first batch and, when
 * more rows matched, a locator {@code <cursorId>-<position of the next batch>}; each batch is
 * written record by record as it is read from the org.
 */
final class QueryCalls {
  static final int DEFAULT_BATCH = 500;
  static final int MIN_BATCH = 200;
  static final int MAX_BATCH = 2000;

  private final QueryCursors cursors;

  QueryCalls(QueryCursors cursors) {
    this.cursors = cursors;
  }

  void query(SoapCall call, boolean all) throws IOException {
    String soql = call.operation().childText("queryString");
    if (soql == null || soql.isBlank()) {
      throw SoapFault.of(SoapFault.Type.MALFORMED_QUERY, "MALFORMED_QUERY", "Empty query string");
    }
    int batch = batchSize(call);
    QueryResult result = new QueryEngine(call.ctx().org()).execute(soql, all);
    int total = result.totalSize();
    int n = result.isCount() ? 0 : Math.min(batch, total);
    String locator = null;
    if (n < total && !result.isCount()) {
      locator = cursors.open(call.userId(), result) + "-" + n;
    }
    write(call, all ? "queryAllResponse" : "queryResponse", result, 0, n, locator);
  }

  void queryMore(SoapCall call) throws IOException {
    String locator = call.operation().childText("queryLocator");
    int dash = locator == null ? -1 : locator.lastIndexOf('-');
    if (dash <= 0) {
      throw SoapFault.invalidQueryLocator();
    }
    int position;
    try {
      position = Integer.parseInt(locator.substring(dash + 1).trim());
    } catch (NumberFormatException e) {
      throw SoapFault.invalidQueryLocator();
    }
    String id = locator.substring(0, dash).trim();
    QueryCursors.Cursor cursor = cursors.get(id, call.userId());
    if (cursor == null || position < 0 || position >= cursor.result().totalSize()) {
      throw SoapFault.invalidQueryLocator();
    }
    int batch = batchSize(call);
    QueryResult result = cursor.result();
    int n = Math.min(batch, result.totalSize() - position);
    String next = null;
    if (position + n < result.totalSize()) {
      next = id + "-" + (position + n);
    } else {
      cursors.close(id);
    }
    write(call, "queryMoreResponse", result, position, n, next);
  }

  /** {@code QueryOptions.batchSize}: default 500, kept within Salesforce's 200 to 2,000. */
  private static int batchSize(SoapCall call) {
    Integer requested = call.envelope().batchSize();
    if (requested == null) {
      return DEFAULT_BATCH;
    }
    return Math.max(MIN_BATCH, Math.min(MAX_BATCH, requested));
  }

  private static void write(
      SoapCall call, String element, QueryResult result, int from, int n, String locator)
      throws IOException {
    SoapWriter w = call.respond(element);
    w.start("result").xsiType("QueryResult");
    w.element("done", locator == null);
    w.element("queryLocator", locator);
    if (n > 0) {
      RecordShape shape = RecordShape.of(result.columns());
      Row row = new Row(result);
      for (int i = from; i < from + n; i++) {
        row.index = i;
        RecordWriter.write(w, "records", result.object(), shape, row);
      }
    }
    w.element("size", result.totalSize());
    w.end();
    call.finish();
  }

  /** The values of result row {@code index}, reused from record to record. */
  private static final class Row implements RecordWriter.Values {
    private final QueryResult result;
    private int index;

    Row(QueryResult result) {
      this.result = result;
    }

    @Override
    public Object value(Column column) {
      return result.value(index, column);
    }

    @Override
    public ParentRef parent(List<String> relationships) {
      return result.parent(index, relationships);
    }
  }
}
