package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Bulk API 2.0 query job: created with {@code POST jobs/query}, polled with growing pauses until
 * {@code JobComplete}, its results then read by {@link BulkResultStream}.
 */
final class BulkQueryJob {
  private BulkQueryJob() {}

  /** The job's id. A create cut off in flight may leave an orphan job; that is harmless. */
  static String create(HttpTransport t, ApiVersion v, String soql, boolean includeDeleted) {
    byte[] body = createBody(soql, includeDeleted);
    HttpTransport.Call call =
        HttpTransport.Call.post(v.restBase() + "/jobs/query", "application/json", body);
    Map<String, String> info = t.execute(call, r -> scalars(r.body(), r.endpoint()));
    String id = info.get("id");
    if (id == null || id.isBlank()) {
      throw new MalformedResponseException(call.endpoint(), "the created job has no id");
    }
    return id;
  }

  /**
   * Waits until the job is {@code JobComplete}: polls after {@code bulkPollInitial}, doubling the
   * pause up to {@code bulkPollMax}, for at most {@code bulkJobTimeout} of pauses.
   *
   * @throws SalesforceApiException when the job failed, was aborted or did not finish in time
   */
  static void awaitCompletion(HttpTransport t, ApiVersion v, String jobId, String objectName) {
    ClientOptions o = t.options();
    Duration pause = o.bulkPollInitial();
    Duration waited = Duration.ZERO;
    String path = v.restBase() + "/jobs/query/" + jobId;
    while (true) {
      Map<String, String> info =
          t.execute(HttpTransport.Call.get(path), r -> scalars(r.body(), r.endpoint()));
      String state = info.get("state");
      if (state == null) {
        throw new MalformedResponseException("GET " + path, "the job info has no state");
      }
      switch (state) {
        case "JobComplete" -> {
          return;
        }
        case "Failed", "Aborted" -> {
          String why = info.get("errorMessage");
          throw new SalesforceApiException(
              0,
              "BULK_JOB_" + state.toUpperCase(java.util.Locale.ROOT),
              "Bulk query job "
                  + jobId
                  + " on "
                  + objectName
                  + " ended "
                  + state
                  + (why == null
                      ? ""
                      : ": " + t.redactor().redact(why, HttpTransport.MAX_MESSAGE_TEXT)));
        }
        default -> {
          // UploadComplete, InProgress: wait and ask again.
        }
      }
      if (waited.compareTo(o.bulkJobTimeout()) >= 0) {
        throw new SalesforceApiException(
            0,
            "BULK_JOB_TIMEOUT",
            "Bulk query job "
                + jobId
                + " on "
                + objectName
                + " did not complete within "
                + o.bulkJobTimeout()
                + " (last state "
                + state
                + ")");
      }
      t.sleep(pause);
      waited = waited.plus(pause);
      pause = pause.multipliedBy(2);
      if (pause.compareTo(o.bulkPollMax()) > 0) {
        pause = o.bulkPollMax();
      }
    }
  }

  private static byte[] createBody(String soql, boolean includeDeleted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = HttpTransport.JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("operation", includeDeleted ? "queryAll" : "query");
      g.writeStringField("query", soql);
      g.writeStringField("contentType", "CSV");
      g.writeStringField("columnDelimiter", "COMMA");
      g.writeStringField("lineEnding", "LF");
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The scalar members of a JSON object (job info), as text. */
  static Map<String, String> scalars(InputStream in, String endpoint) throws IOException {
    Map<String, String> m = new HashMap<>();
    try (JsonParser p = HttpTransport.JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new MalformedResponseException(endpoint, "the job info is not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v.isScalarValue()) {
          m.put(name, v == JsonToken.VALUE_NULL ? null : p.getText());
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new MalformedResponseException(endpoint, "the job info ended early");
      }
    }
    return m;
  }
}
