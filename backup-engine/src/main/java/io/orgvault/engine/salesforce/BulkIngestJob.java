package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Bulk API 2.0 ingest job: created {@code Open}, its CSV streamed up in one {@code PUT batches}
 * (Salesforce takes one upload per job), closed with {@code UploadComplete}, polled with growing
 * pauses until it ends, and its {@code successfulResults/}, {@code failedResults/} and {@code
 * unprocessedrecords/} matched back to the input rows.
 *
 * <p>Salesforce does not return results in input order, so each result row is matched by the values
 * it echoes: first by all of the row's original columns, then (update: by {@code Id}; upsert: by
 * the external Id) by the key column alone, in case Salesforce echoed a value in another spelling.
 * Input rows with equal values in every column are interchangeable, so which of them gets which of
 * their results does not matter; rows that differ in any column never share a result. Rows are
 * remembered as 128-bit digests of their values, not as the values themselves.
 */
final class BulkIngestJob {
  /** Bulk API 2.0 ingest came with API 41.0. */
  static final int INGEST_SINCE = 41;

  /**
   * The most CSV one job takes: Salesforce allows 150 MB once Base64-encoded, about 112 MB raw;
   * this keeps a margin.
   */
  static final long MAX_UPLOAD_BYTES = 100L * 1024 * 1024;

  /** The cell that sets a field to null in Bulk CSV (an empty cell leaves it unchanged). */
  static final String NULL_VALUE = "#N/A";

  static final String UNPROCESSED = "UNPROCESSED";

  private final HttpTransport t;
  private final ApiVersion v;
  private final String object;
  private final IngestOperation op;
  private final String externalIdField;
  private final List<String> columns;
  private final int keyColumn;
  private final AtomicInteger calls = new AtomicInteger();

  /** Input rows by the digest of all their cells; a value is an Integer or a deque of them. */
  private final Map<Digest, Object> byRow = new HashMap<>();

  /** Input rows by the digest of their key cell (update, upsert), or null. */
  private final Map<Digest, Object> byKey;

  private int rowCount;
  private String jobId;

  /** Why the job failed, for the message; empty until then. */
  private String failure = "";

  /** Why the job failed, for the message; empty until then. */
  BulkIngestJob(
      HttpTransport t,
      ApiVersion v,
      String object,
      IngestOperation op,
      String externalIdField,
      List<String> columns) {
    this.t = t;
    this.v = v;
    this.object = WriteValues.requireName("object", object);
    this.op = op;
    this.columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a bulk job needs at least one column");
    }
    Set<String> seen = new HashSet<>();
    for (String c : columns) {
      requireColumn(c);
      if (!seen.add(c.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("column " + c + " appears twice");
      }
    }
    if ((op == IngestOperation.UPSERT) != (externalIdField != null)) {
      throw new IllegalArgumentException("an external Id field goes with UPSERT, and only with it");
    }
    this.externalIdField =
        externalIdField == null ? null : WriteValues.requireName("field", externalIdField);
    String key =
        switch (op) {
          case INSERT -> null;
          case UPDATE -> "Id";
          case UPSERT -> externalIdField;
        };
    this.keyColumn = key == null ? -1 : indexOf(key);
    if (key != null && keyColumn < 0) {
      throw new IllegalArgumentException("a bulk " + op + " needs a column " + key);
    }
    this.byKey = key == null ? null : new HashMap<>();
  }

  private static void requireColumn(String c) {
    if (c == null) {
      throw new IllegalArgumentException("a column name is missing");
    }
    int dot = c.indexOf('.');
    if (dot < 0) {
      WriteValues.requireName("field", c);
    } else {
      // A parent's external Id: Relationship__r.External_Id__c.
      WriteValues.requireName("relationship", c.substring(0, dot));
      WriteValues.requireName("field", c.substring(dot + 1));
    }
  }

  private int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Runs the job with rows that can be read once: an upload that fails is not sent again. */
  BulkIngestResult run(Iterator<List<Object>> rows) {
    CsvUpload csv = new CsvUpload(rows);
    return run(StreamBody.once(() -> csv, -1));
  }

  /** Runs the job with rows that are read anew for each attempt to upload them. */
  BulkIngestResult run(SalesforceClient.RowSource rows) {
    return run(
        StreamBody.repeatable(
            () -> {
              // A new attempt sends every row again: forget what the last one sent.
              byRow.clear();
              if (byKey != null) {
                byKey.clear();
              }
              rowCount = 0;
              return new CsvUpload(rows.open());
            },
            -1));
  }

  private BulkIngestResult run(StreamBody upload) {
    create();
    upload(upload);
    close();
    String state = await();
    if (state.equals("JobComplete")) {
      return new BulkIngestResult(jobId, collect(true), calls.get());
    }
    BulkIngestResult partial;
    try {
      partial = new BulkIngestResult(jobId, collect(false), calls.get());
    } catch (SalesforceException e) {
      partial = null;
    }
    throw new BulkIngestFailedException(
        jobId,
        state,
        "Bulk ingest job " + jobId + " (" + op + " " + object + ") ended " + state + failure,
        partial);
  }

  // ---------------------------------------------------------------- the job's life

  private void create() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = HttpTransport.JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("object", object);
      g.writeStringField("operation", op.wireName());
      if (externalIdField != null) {
        g.writeStringField("externalIdFieldName", externalIdField);
      }
      g.writeStringField("contentType", "CSV");
      g.writeStringField("columnDelimiter", "COMMA");
      g.writeStringField("lineEnding", "LF");
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Creating a job writes no records: repeating it at worst leaves an Open job that expires.
    HttpTransport.Call call =
        HttpTransport.Call.post(
                v.restBase() + "/jobs/ingest", "application/json", out.toByteArray())
            .tally(calls);
    Map<String, String> info = t.execute(call, r -> BulkQueryJob.scalars(r.body(), r.endpoint()));
    String id = info.get("id");
    if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9]{15,18}")) {
      throw new MalformedResponseException(call.endpoint(), "the created job has no valid id");
    }
    jobId = id;
  }

  private String jobPath() {
    return v.restBase() + "/jobs/ingest/" + jobId;
  }

  /**
   * Streams the CSV. Salesforce processes nothing before {@code UploadComplete}, so a failed upload
   * writes nothing: the job is aborted and the failure reported as such.
   */
  private void upload(StreamBody body) {
    HttpTransport.Call call =
        HttpTransport.Call.write("PUT", jobPath() + "/batches", "text/csv", body).tally(calls);
    try {
      t.execute(call, r -> null);
    } catch (UncheckedIOException e) {
      abortQuietly();
      if (e.getCause() instanceof RowRefused refused) {
        throw refused.problem;
      }
      throw e;
    } catch (WriteOutcomeUnknownException | ServiceUnavailableException e) {
      abortQuietly();
      throw new ServiceUnavailableException(
          "the upload of bulk ingest job "
              + jobId
              + " failed, so the job was aborted and nothing was written: "
              + e.getMessage(),
          1,
          e);
    } catch (SalesforceException e) {
      abortQuietly();
      throw e;
    }
  }

  /**
   * Closes the job ({@code UploadComplete}), which starts processing. When the outcome of that is
   * unknown, the job's state says whether it was closed.
   */
  private void close() {
    for (int attempt = 0; ; attempt++) {
      HttpTransport.Call call =
          HttpTransport.Call.write(
                  "PATCH",
                  jobPath(),
                  "application/json",
                  "{\"state\":\"UploadComplete\"}".getBytes(StandardCharsets.UTF_8))
              .tally(calls);
      try {
        t.execute(call, r -> null);
        return;
      } catch (WriteOutcomeUnknownException e) {
        // Whether the job was closed shows in its state; only an Open job is closed again.
        if (!"Open".equals(info().get("state"))) {
          return;
        }
        if (attempt >= 2) {
          throw e;
        }
      }
    }
  }

  private Map<String, String> info() {
    return t.execute(
        HttpTransport.Call.get(jobPath()).tally(calls),
        r -> BulkQueryJob.scalars(r.body(), r.endpoint()));
  }

  /** Polls until the job ends; returns its final state. */
  private String await() {
    ClientOptions o = t.options();
    Duration pause = o.bulkPollInitial();
    Duration waited = Duration.ZERO;
    while (true) {
      Map<String, String> info = info();
      String state = info.get("state");
      if (state == null) {
        throw new MalformedResponseException("GET " + jobPath(), "the job info has no state");
      }
      switch (state) {
        case "JobComplete" -> {
          return state;
        }
        case "Failed", "Aborted" -> {
          String why = info.get("errorMessage");
          failure =
              why == null ? "" : ": " + t.redactor().redact(why, HttpTransport.MAX_MESSAGE_TEXT);
          return state;
        }
        default -> {
          // UploadComplete, InProgress: wait and ask again.
        }
      }
      if (waited.compareTo(o.bulkJobTimeout()) >= 0) {
        abortQuietly();
        failure = ": it did not complete within " + o.bulkJobTimeout() + " and was aborted";
        return "Aborted";
      }
      t.sleep(pause);
      waited = waited.plus(pause);
      pause = pause.multipliedBy(2);
      if (pause.compareTo(o.bulkPollMax()) > 0) {
        pause = o.bulkPollMax();
      }
    }
  }

  private void abortQuietly() {
    try {
      t.execute(
          HttpTransport.Call.write(
                  "PATCH",
                  jobPath(),
                  "application/json",
                  "{\"state\":\"Aborted\"}".getBytes(StandardCharsets.UTF_8))
              .tally(calls),
          r -> null);
    } catch (SalesforceException e) {
      // An Open job that is never closed is never processed, and expires.
    }
  }

  // ---------------------------------------------------------------- results

  /** One result row: the digests of what it echoes and the outcome it reports. */
  private record Outcome(Digest row, Digest key, SaveResult result) {}

  private enum Kind {
    SUCCESSFUL("successfulResults/"),
    FAILED("failedResults/"),
    UNPROCESSED("unprocessedrecords/");

    final String path;

    Kind(String path) {
      this.path = path;
    }
  }

  /**
   * Reads the three result resources and matches them to the input rows.
   *
   * @param complete the job completed: every row must have exactly one result
   */
  private List<SaveResult> collect(boolean complete) {
    SaveResult[] out = new SaveResult[rowCount];
    BitSet matched = new BitSet(rowCount);
    int unmatched = 0;
    for (Kind kind : Kind.values()) {
      HttpTransport.Call call = HttpTransport.Call.get(jobPath() + "/" + kind.path).tally(calls);
      call = call.header("Accept", "text/csv");
      // The reader may run again when a body breaks off: it only parses, matching comes after.
      List<Outcome> outcomes = t.execute(call, r -> read(r.body(), r.endpoint(), kind));
      for (Outcome o : outcomes) {
        int i = take(byRow, o.row(), matched);
        if (i < 0 && byKey != null) {
          i = take(byKey, o.key(), matched);
        }
        if (i < 0) {
          unmatched++;
          continue;
        }
        matched.set(i);
        out[i] = o.result();
      }
    }
    int missing = rowCount - matched.cardinality();
    if (complete && (unmatched > 0 || missing > 0)) {
      throw new WriteOutcomeUnknownException(
          "the results of bulk ingest job "
              + jobId
              + " do not match its rows ("
              + missing
              + " rows without a result, "
              + unmatched
              + " results without a row); query the org to see what was written",
          null);
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] =
            new SaveResult(
                null,
                false,
                false,
                List.of(
                    new SaveError(
                        "OUTCOME_UNKNOWN",
                        "the job's results do not mention this row",
                        List.of())));
      }
    }
    return List.of(out);
  }

  private List<Outcome> read(InputStream body, String endpoint, Kind kind) throws IOException {
    List<Outcome> out = new ArrayList<>();
    CsvRecordReader csv =
        new CsvRecordReader(
            new InputStreamReader(body, StandardCharsets.UTF_8), ',', t.options().maxFieldChars());
    List<String> header = csv.next();
    if (header == null) {
      return out; // no rows of this kind
    }
    int id = header.indexOf("sf__Id");
    int second = header.indexOf(kind == Kind.SUCCESSFUL ? "sf__Created" : "sf__Error");
    int[] at = new int[columns.size()];
    for (int c = 0; c < at.length; c++) {
      at[c] = header.indexOf(columns.get(c));
      if (at[c] < 0) {
        throw new MalformedResponseException(
            endpoint, "the results do not echo the column " + columns.get(c));
      }
    }
    if (kind != Kind.UNPROCESSED && (id < 0 || second < 0)) {
      throw new MalformedResponseException(endpoint, "the results lack sf__ columns");
    }
    List<String> row;
    while ((row = csv.next()) != null) {
      if (row.size() != header.size()) {
        throw new MalformedResponseException(endpoint, "a result row has the wrong column count");
      }
      String[] cells = new String[at.length];
      for (int c = 0; c < at.length; c++) {
        String cell = row.get(at[c]);
        cells[c] = cell == null ? "" : cell;
      }
      Digest rowDigest = Digest.of(cells);
      Digest keyDigest = keyColumn < 0 ? null : keyDigest(cells[keyColumn]);
      SaveResult result =
          switch (kind) {
            case SUCCESSFUL -> {
              String sfId = SalesforceIds.to18(row.get(id));
              if (sfId == null) {
                throw new MalformedResponseException(endpoint, "a successful row has no valid Id");
              }
              yield new SaveResult(sfId, true, "true".equalsIgnoreCase(row.get(second)), List.of());
            }
            case FAILED -> {
              String sfId = row.get(id) == null ? null : SalesforceIds.to18(row.get(id));
              yield new SaveResult(sfId, false, false, List.of(parseError(row.get(second))));
            }
            case UNPROCESSED ->
                new SaveResult(
                    null,
                    false,
                    false,
                    List.of(
                        new SaveError(
                            UNPROCESSED,
                            "Salesforce did not process this row before the job ended",
                            List.of())));
          };
      out.add(new Outcome(rowDigest, keyDigest, result));
    }
    return out;
  }

  /**
   * {@code sf__Error}: {@code CODE:message:Field1,Field2 --}, or {@code CODE:message:--} when the
   * error names no field. The message itself may hold colons.
   */
  static SaveError parseError(String text) {
    if (text == null || text.isEmpty()) {
      return new SaveError("UNKNOWN", "", List.of());
    }
    String s = text.endsWith("--") ? text.substring(0, text.length() - 2).stripTrailing() : text;
    int first = s.indexOf(':');
    if (first < 0) {
      return new SaveError("UNKNOWN", text, List.of());
    }
    String code = s.substring(0, first);
    String rest = s.substring(first + 1);
    int last = rest.lastIndexOf(':');
    if (last < 0) {
      return new SaveError(code, rest, List.of());
    }
    String message = rest.substring(0, last);
    String fieldText = rest.substring(last + 1).trim();
    List<String> fields = new ArrayList<>();
    if (!fieldText.isEmpty()) {
      for (String f : fieldText.split(",")) {
        if (!f.isBlank()) {
          fields.add(f.trim());
        }
      }
    }
    return new SaveError(code, message, fields);
  }

  /** Takes one not yet matched row of a digest, or -1. */
  private static int take(Map<Digest, Object> index, Digest d, BitSet matched) {
    Object v = index.get(d);
    if (v instanceof Integer i) {
      if (matched.get(i)) {
        return -1;
      }
      index.remove(d);
      return i;
    }
    if (v instanceof ArrayDeque<?> q) {
      while (!q.isEmpty()) {
        int i = (Integer) q.poll();
        if (!matched.get(i)) {
          return i;
        }
      }
      index.remove(d);
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static void remember(Map<Digest, Object> index, Digest d, int row) {
    Object v = index.putIfAbsent(d, row);
    if (v instanceof Integer first) {
      ArrayDeque<Integer> q = new ArrayDeque<>();
      q.add(first);
      q.add(row);
      index.put(d, q);
    } else if (v != null) {
      ((ArrayDeque<Integer>) v).add(row);
    }
  }

  private Digest keyDigest(String cell) {
    if (op == IngestOperation.UPDATE) {
      String id = SalesforceIds.to18(cell);
      return Digest.of(new String[] {id == null ? cell : id});
    }
    return Digest.of(new String[] {cell});
  }

  // ---------------------------------------------------------------- the upload

  /** Why a row could not be sent; carried through the HTTP client as an IOException. */
  private static final class RowRefused extends IOException {
    final RuntimeException problem;

    RowRefused(RuntimeException problem) {
      super(problem.getMessage(), problem);
      this.problem = problem;
    }
  }

  /** The CSV of the job, encoded row by row as the HTTP client reads it. */
  private final class CsvUpload extends InputStream {
    private final Iterator<List<Object>> rows;
    private byte[] buffer;
    private int pos;
    private long sent;
    private boolean done;

    CsvUpload(Iterator<List<Object>> rows) {
      this.rows = rows;
      StringBuilder h = new StringBuilder();
      for (int c = 0; c < columns.size(); c++) {
        h.append(c == 0 ? "" : ",").append(columns.get(c));
      }
      this.buffer = h.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (pos == buffer.length) {
        if (done || !rows.hasNext()) {
          done = true;
          return -1;
        }
        buffer = encode(rows.next());
        pos = 0;
      }
      int n = Math.min(len, buffer.length - pos);
      System.arraycopy(buffer, pos, b, off, n);
      pos += n;
      sent += n;
      if (sent > MAX_UPLOAD_BYTES) {
        throw new RowRefused(
            new IllegalArgumentException(
                "the rows make more than "
                    + MAX_UPLOAD_BYTES
                    + " bytes of CSV, more than one bulk job takes; split them over several jobs"));
      }
      return n;
    }

    private byte[] encode(List<Object> row) throws RowRefused {
      int index = rowCount;
      if (row == null || row.size() != columns.size()) {
        throw new RowRefused(
            new IllegalArgumentException(
                "row "
                    + (index + 1)
                    + " has "
                    + (row == null ? 0 : row.size())
                    + " values for "
                    + columns.size()
                    + " columns"));
      }
      String[] cells = new String[row.size()];
      StringBuilder line = new StringBuilder();
      try {
        for (int c = 0; c < cells.length; c++) {
          Object value = row.get(c);
          String text = value == null ? "" : WriteValues.text(columns.get(c), value);
          // Salesforce reads an empty cell as "leave unchanged"; null blanks the field.
          cells[c] = text.isEmpty() ? NULL_VALUE : text;
          if (c > 0) {
            line.append(',');
          }
          if (cells[c].equals(NULL_VALUE)) {
            line.append(NULL_VALUE);
          } else {
            line.append('"').append(cells[c].replace("\"", "\"\"")).append('"');
          }
        }
      } catch (IllegalArgumentException e) {
        throw new RowRefused(e);
      }
      line.append('\n');
      remember(byRow, Digest.of(cells), index);
      if (byKey != null) {
        remember(byKey, keyDigest(cells[keyColumn]), index);
      }
      rowCount++;
      return line.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** 128 bits of SHA-256 over a row's cells, each length-prefixed so cells cannot run together. */
  private record Digest(long high, long low) {
    static Digest of(String[] cells) {
      MessageDigest md;
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
      for (String cell : cells) {
        byte[] b = cell.getBytes(StandardCharsets.UTF_8);
        md.update(
            new byte[] {
              (byte) (b.length >>> 24),
              (byte) (b.length >>> 16),
              (byte) (b.length >>> 8),
              (byte) b.length
            });
        md.update(b);
      }
      byte[] h = md.digest();
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = (hi << 8) | (h[i] & 0xff);
        lo = (lo << 8) | (h[i + 8] & 0xff);
      }
      return new Digest(hi, lo);
    }
  }
}
