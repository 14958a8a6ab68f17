package io.orgvault.engine.salesforce;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The results of a completed Bulk API 2.0 query job, streamed row by row from one result set
 * ({@code GET .../results?maxRecords=&locator=}) after another until {@code Sforce-Locator} is
 * {@code null}. Nothing but the current row is held.
 *
 * <p>A result set that breaks off, is cut short of its {@code Sforce-NumberOfRecords}, or is not
 * valid CSV is fetched again from its locator (the same locator gives the same rows), skipping the
 * rows already delivered, with backoff and at most the retry policy's attempts: every row is
 * delivered exactly once. Rows are delivered only when their line ending arrived, so a row cut
 * part-way is never mistaken for a complete one.
 */
final class BulkResultStream implements RecordStream<List<String>> {
  private final HttpTransport transport;
  private final ApiVersion jobVersion;
  private final String jobId;
  private List<String> header;
  private String locator;
  private long deliveredInSet;
  private long delivered;
  private boolean finished;
  private HttpTransport.Response response;
  private CsvRecordReader reader;
  private Long expectedInSet;
  private String nextLocator;
  private long readInSet;
  private int failures;
  private List<String> pending;

  /**
   * @param locator the result set to start at (null: the first)
   * @param skip rows of that result set already delivered before
   * @param deliveredBefore rows delivered before, in total (for the checkpoint)
   */
  BulkResultStream(
      HttpTransport transport,
      ApiVersion jobVersion,
      String jobId,
      String locator,
      long skip,
      long deliveredBefore) {
    this.transport = transport;
    this.jobVersion = jobVersion;
    this.jobId = jobId;
    this.locator = locator;
    this.deliveredInSet = skip;
    this.delivered = deliveredBefore;
  }

  /** The column names (known once the first result set is open). */
  List<String> header() {
    if (header == null) {
      hasNext();
    }
    return header;
  }

  String jobId() {
    return jobId;
  }

  ApiVersion jobVersion() {
    return jobVersion;
  }

  /** The locator of the result set being read (null: the first). */
  String locator() {
    return locator;
  }

  /** Rows of the current result set delivered so far. */
  long deliveredInSet() {
    return deliveredInSet;
  }

  long delivered() {
    return delivered;
  }

  @Override
  public boolean hasNext() {
    if (pending != null) {
      return true;
    }
    pending = read();
    return pending != null;
  }

  @Override
  public List<String> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<String> row = pending;
    pending = null;
    deliveredInSet++;
    delivered++;
    return row;
  }

  /** The row {@link #next()} would return, without taking it; call after {@link #hasNext()}. */
  List<String> peek() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending;
  }

  private List<String> read() {
    while (true) {
      if (finished) {
        return null;
      }
      if (reader == null) {
        open();
        if (reader == null) {
          continue; // the set was re-opened after a failure while skipping
        }
      }
      List<String> row;
      try {
        row = reader.next();
      } catch (CsvRecordReader.FieldTooLongException e) {
        closeResponse();
        throw new MalformedResponseException(endpoint(), e.getMessage());
      } catch (IOException e) {
        setFailed(e.getMessage());
        continue;
      }
      if (row == null) {
        if (expectedInSet != null && readInSet != expectedInSet) {
          setFailed("the result set held " + readInSet + " of its " + expectedInSet + " records");
          continue;
        }
        closeResponse();
        failures = 0;
        if (nextLocator == null) {
          finished = true;
          return null;
        }
        locator = nextLocator;
        deliveredInSet = 0;
        continue;
      }
      readInSet++;
      if (row.size() != header.size()) {
        setFailed("a row has " + row.size() + " fields where the header has " + header.size());
        continue;
      }
      return row;
    }
  }

  /** Opens the current result set and skips the rows already delivered from it. */
  private void open() {
    StringBuilder path =
        new StringBuilder(jobVersion.restBase())
            .append("/jobs/query/")
            .append(jobId)
            .append("/results?maxRecords=")
            .append(transport.options().bulkMaxRecords());
    if (locator != null) {
      path.append("&locator=").append(URLEncoder.encode(locator, StandardCharsets.UTF_8));
    }
    HttpTransport.Call call = HttpTransport.Call.get(path.toString()).header("Accept", "text/csv");
    response = transport.open(call);
    expectedInSet = count(response.header("Sforce-NumberOfRecords"));
    String next = response.header("Sforce-Locator");
    nextLocator = next == null || next.isEmpty() || next.equals("null") ? null : next;
    reader =
        new CsvRecordReader(
            new InputStreamReader(response.body(), StandardCharsets.UTF_8),
            ',',
            transport.options().maxFieldChars());
    readInSet = 0;
    try {
      List<String> h = reader.next();
      if (h == null) {
        if (expectedInSet == null || expectedInSet == 0) {
          // An empty result set may come without even a header row.
          h = header == null ? List.of() : header;
        } else {
          setFailed("the result set is empty but announced " + expectedInSet + " records");
          return;
        }
      }
      if (header == null) {
        header = List.copyOf(h);
      } else if (!h.isEmpty() && !h.equals(header)) {
        closeResponse();
        throw new MalformedResponseException(
            call.endpoint(), "a result set's columns differ from the first one's");
      }
      for (long i = 0; i < deliveredInSet; i++) {
        List<String> skipped = reader.next();
        if (skipped == null) {
          setFailed("the result set ended before the rows already delivered");
          return;
        }
        readInSet++;
      }
    } catch (CsvRecordReader.FieldTooLongException e) {
      closeResponse();
      throw new MalformedResponseException(call.endpoint(), e.getMessage());
    } catch (IOException e) {
      setFailed(e.getMessage());
    }
  }

  /** Gives up the current result set to fetch it again, or fails when attempts are spent. */
  private void setFailed(String problem) {
    closeResponse();
    failures++;
    if (failures >= transport.options().retryPolicy().maxAttempts()) {
      throw new MalformedResponseException(
          endpoint(),
          "a Bulk result set was cut off or malformed "
              + failures
              + " times; the last time: "
              + problem);
    }
    transport.backoff(failures);
  }

  private String endpoint() {
    return "GET " + jobVersion.restBase() + "/jobs/query/" + jobId + "/results";
  }

  private static Long count(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void closeResponse() {
    if (response != null) {
      response.close();
    }
    response = null;
    reader = null;
  }

  @Override
  public void close() {
    closeResponse();
    finished = true;
    pending = null;
  }
}
