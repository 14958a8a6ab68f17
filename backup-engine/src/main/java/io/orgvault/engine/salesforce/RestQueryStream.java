package io.orgvault.engine.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A REST {@code query}/{@code queryAll} read page by page through {@code nextRecordsUrl}. One page
 * (at most the batch size, 2000 records) is held at a time, and only after it was read completely:
 * a page cut off part-way is fetched again (a GET of a page is safe to repeat) and no record of it
 * is delivered twice. When the last page is in, the number of records delivered must equal the
 * {@code totalSize} Salesforce announced.
 */
final class RestQueryStream implements RecordStream<Map<String, Object>> {
  private final HttpTransport transport;
  private final ApiVersion version;
  private final String soql;
  private final boolean includeDeleted;
  private List<Map<String, Object>> page;
  private int index;
  private String nextPath;
  private boolean started;
  private long totalSize = -1;
  private long delivered;

  RestQueryStream(
      HttpTransport transport, ApiVersion version, String soql, boolean includeDeleted) {
    this.transport = transport;
    this.version = version;
    this.soql = soql;
    this.includeDeleted = includeDeleted;
  }

  @Override
  public boolean hasNext() {
    while (page == null || index >= page.size()) {
      if (started && nextPath == null) {
        page = null;
        return false;
      }
      fetch();
    }
    return true;
  }

  @Override
  public Map<String, Object> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Map<String, Object> r = page.get(index);
    page.set(index, null); // let it go as soon as it is handed over
    index++;
    delivered++;
    return r;
  }

  /** The record {@link #next()} would return, without taking it; call after {@link #hasNext()}. */
  Map<String, Object> peek() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.get(index);
  }

  /** Records delivered so far. */
  long delivered() {
    return delivered;
  }

  private void fetch() {
    String path =
        started
            ? nextPath
            : version.restBase()
                + (includeDeleted ? "/queryAll" : "/query")
                + "?q="
                + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    HttpTransport.Call call =
        HttpTransport.Call.get(path)
            .header("Sforce-Query-Options", "batchSize=" + transport.options().restBatchSize());
    QueryPage p = transport.execute(call, r -> QueryPage.read(r.body(), r.endpoint()));
    if (totalSize < 0) {
      totalSize = p.totalSize();
    }
    started = true;
    page = p.records();
    index = 0;
    if (p.done()) {
      nextPath = null;
      long total = delivered + page.size();
      if (total != totalSize) {
        throw new MalformedResponseException(
            call.endpoint(),
            "the query announced " + totalSize + " records but its pages held " + total);
      }
    } else {
      nextPath = checkNextUrl(p.nextRecordsUrl(), call.endpoint());
    }
  }

  /** A next-page URL must be a path of this instance's REST API, never another host. */
  private static String checkNextUrl(String url, String endpoint) {
    if (!url.startsWith("/services/data/v") || url.contains("://") || url.contains("..")) {
      throw new MalformedResponseException(
          endpoint, "nextRecordsUrl is not a path of this instance's REST API");
    }
    return url;
  }

  @Override
  public void close() {
    page = null;
    nextPath = null;
    started = true;
  }
}
