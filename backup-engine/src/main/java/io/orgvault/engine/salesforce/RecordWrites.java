package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Record writes over REST: sObject Collections ({@code composite/sobjects}: create, update, upsert
 * of up to 200 records per call with {@code allOrNone=false}, so each record succeeds or fails on
 * its own) and single inserts with a file body sent as {@code multipart/form-data}. Per-record
 * failures come back as {@link SaveResult}s; see {@link HttpTransport.Call#write} for when a call
 * is repeated.
 */
final class RecordWrites {
  /** sObject Collections create, update and delete came with API 42.0; upsert with 46.0. */
  static final int COLLECTIONS_SINCE = 42;

  static final int COLLECTIONS_UPSERT_SINCE = 46;

  private final HttpTransport transport;
  private final ApiVersion version;

  RecordWrites(HttpTransport transport, ApiVersion version) {
    this.transport = transport;
    this.version = version;
  }

  List<SaveResult> create(String object, List<Map<String, Object>> records) {
    requireVersion(COLLECTIONS_SINCE, "sObject Collections create");
    WriteValues.requireName("object", object);
    checkCount(records);
    for (Map<String, Object> r : records) {
      if (containsKeyIgnoreCase(r, "Id")) {
        throw new IllegalArgumentException("a record to create has no Id");
      }
    }
    String path = version.restBase() + "/composite/sobjects";
    return collection("POST", path, object, records, false);
  }

  List<SaveResult> update(String object, List<Map<String, Object>> records) {
    requireVersion(COLLECTIONS_SINCE, "sObject Collections update");
    WriteValues.requireName("object", object);
    checkCount(records);
    for (Map<String, Object> r : records) {
      Object id = r.get("Id");
      if (!(id instanceof String s) || SalesforceIds.to18(s) == null) {
        throw new IllegalArgumentException("a record to update needs a valid \"Id\"");
      }
    }
    String path = version.restBase() + "/composite/sobjects";
    return collection("PATCH", path, object, records, false);
  }

  List<SaveResult> upsert(
      String object, String externalIdField, List<Map<String, Object>> records) {
    requireVersion(COLLECTIONS_UPSERT_SINCE, "sObject Collections upsert");
    WriteValues.requireName("object", object);
    WriteValues.requireName("field", externalIdField);
    checkCount(records);
    String path = version.restBase() + "/composite/sobjects/" + object + "/" + externalIdField;
    return collection("PATCH", path, object, records, true);
  }

  private List<SaveResult> collection(
      String method,
      String path,
      String object,
      List<Map<String, Object>> records,
      boolean upsert) {
    byte[] body = collectionBody(object, records);
    HttpTransport.Call call = HttpTransport.Call.write(method, path, "application/json", body);
    List<SaveResult> results =
        transport.execute(call, r -> readResults(r.body(), r.endpoint(), upsert, method));
    if (results.size() != records.size()) {
      throw new WriteOutcomeUnknownException(
          "Salesforce answered "
              + call.endpoint()
              + " with "
              + results.size()
              + " results for "
              + records.size()
              + " records",
          null);
    }
    return results;
  }

  private static byte[] collectionBody(String object, List<Map<String, Object>> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = HttpTransport.JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeBooleanField("allOrNone", false);
      g.writeArrayFieldStart("records");
      for (Map<String, Object> r : records) {
        g.writeStartObject();
        g.writeObjectFieldStart("attributes");
        g.writeStringField("type", object);
        g.writeEndObject();
        writeFields(g, r);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeFields(JsonGenerator g, Map<String, Object> fields) throws IOException {
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String name = WriteValues.requireName("field", e.getKey());
      g.writeFieldName(name);
      WriteValues.json(g, name, e.getValue());
    }
  }

  /** The array of results: {@code [{"id":..,"success":..,"errors":[..],"created":..}]}. */
  private static List<SaveResult> readResults(
      InputStream in, String endpoint, boolean upsert, String method) throws IOException {
    List<SaveResult> out = new ArrayList<>();
    try (JsonParser p = HttpTransport.JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new MalformedResponseException(endpoint, "the results are not a JSON array");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
        out.add(readResult(p, endpoint, upsert, method.equals("POST")));
      }
      if (t != JsonToken.END_ARRAY || p.nextToken() != null) {
        throw new MalformedResponseException(endpoint, "the results ended early");
      }
    }
    return out;
  }

  /** One SaveResult object, the parser on its START_OBJECT. */
  static SaveResult readResult(JsonParser p, String endpoint, boolean upsert, boolean insert)
      throws IOException {
    String id = null;
    Boolean success = null;
    boolean created = false;
    List<SaveError> errors = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "id" -> id = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "success" -> success = v == JsonToken.VALUE_TRUE;
        case "created" -> created = v == JsonToken.VALUE_TRUE;
        case "errors" -> {
          if (v != JsonToken.START_ARRAY) {
            throw new MalformedResponseException(endpoint, "a result's errors are not an array");
          }
          while (p.nextToken() == JsonToken.START_OBJECT) {
            errors.add(readError(p, endpoint));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (success == null) {
      throw new MalformedResponseException(endpoint, "a result does not say whether it succeeded");
    }
    if (success && (id == null || SalesforceIds.to18(id) == null)) {
      throw new MalformedResponseException(endpoint, "a successful result has no valid Id");
    }
    if (!success && errors.isEmpty()) {
      throw new MalformedResponseException(endpoint, "a failed result names no error");
    }
    String id18 = id == null ? null : SalesforceIds.to18(id);
    boolean isNew = success && (upsert ? created : insert);
    return new SaveResult(id18, success, isNew, success ? List.of() : errors);
  }

  private static SaveError readError(JsonParser p, String endpoint) throws IOException {
    String code = null;
    String message = "";
    List<String> fields = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "statusCode" -> code = v == JsonToken.VALUE_STRING ? p.getText() : null;
        case "message" -> message = v == JsonToken.VALUE_STRING ? p.getText() : "";
        case "fields" -> {
          if (v == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              fields.add(p.getText());
            }
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    if (code == null) {
      throw new MalformedResponseException(endpoint, "an error has no statusCode");
    }
    return new SaveError(code, message, fields);
  }

  // ---------------------------------------------------------------- multipart inserts

  /**
   * {@code POST sobjects/X} as {@code multipart/form-data}: an {@code entity_content} JSON part
   * with the fields, and a binary part named after the body field, streamed from {@code body} with
   * its exact {@code length} (a body of another length fails before anything is written).
   */
  SaveResult createWithBody(
      String object,
      Map<String, Object> fields,
      String bodyField,
      long length,
      StreamBody.Source body,
      boolean repeatable) {
    WriteValues.requireName("object", object);
    WriteValues.requireName("field", bodyField);
    if (length < 0) {
      throw new IllegalArgumentException("a body length is not negative: " + length);
    }
    if (containsKeyIgnoreCase(fields, bodyField)) {
      throw new IllegalArgumentException(bodyField + " is sent as the body, not as a field");
    }
    if (containsKeyIgnoreCase(fields, "Id")) {
      throw new IllegalArgumentException("a record to create has no Id");
    }
    String boundary = "orgvault-" + UUID.randomUUID();
    byte[] head = multipartHead(boundary, fields, bodyField, fileName(fields));
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    StreamBody.Source whole =
        () ->
            new SequenceInputStream(
                new ByteArrayInputStream(head),
                new SequenceInputStream(
                    new ExactLengthInputStream(body.open(), length),
                    new ByteArrayInputStream(tail)));
    long total = head.length + length + tail.length;
    StreamBody stream =
        repeatable ? StreamBody.repeatable(whole, total) : StreamBody.once(whole, total);
    HttpTransport.Call call =
        HttpTransport.Call.write(
            "POST",
            version.restBase() + "/sobjects/" + object,
            "multipart/form-data; boundary=\"" + boundary + "\"",
            stream);
    try {
      return transport.execute(
          call,
          r -> {
            try (JsonParser p = HttpTransport.JSON.createParser(r.body())) {
              if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedResponseException(r.endpoint(), "the result is not an object");
              }
              return readResult(p, r.endpoint(), false, true);
            }
          });
    } catch (SalesforceApiException e) {
      if (e.status() == 400) {
        // Refused records come back as an HTTP 400 with the record's errors.
        return new SaveResult(
            null,
            false,
            false,
            List.of(new SaveError(e.errorCode(), e.serverMessage(), e.fields())));
      }
      throw e;
    }
  }

  private static byte[] multipartHead(
      String boundary, Map<String, Object> fields, String bodyField, String fileName) {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try (JsonGenerator g = HttpTransport.JSON.createGenerator(json)) {
      g.writeStartObject();
      writeFields(g, fields);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"entity_content\"\r\n"
                + "Content-Type: application/json\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(json.toByteArray());
    out.writeBytes(
        ("\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + bodyField
                + "\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** The part's file name: the record's own (PathOnClient, Name), made safe for the header. */
  private static String fileName(Map<String, Object> fields) {
    for (String f : List.of("PathOnClient", "Name")) {
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        if (e.getKey().equalsIgnoreCase(f) && e.getValue() instanceof String s && !s.isBlank()) {
          return s.replaceAll("[\"\\\\\\p{Cntrl}]", "_");
        }
      }
    }
    return "body";
  }

  // ---------------------------------------------------------------- checks

  private void requireVersion(int since, String what) {
    if (version.major() < since) {
      throw new SalesforceException(
          what + " needs API " + since + ".0 or later; this org is spoken to in " + version);
    }
  }

  private static void checkCount(List<?> records) {
    if (records.isEmpty() || records.size() > SalesforceClient.COLLECTION_LIMIT) {
      throw new IllegalArgumentException(
          "one call writes 1 to "
              + SalesforceClient.COLLECTION_LIMIT
              + " records, not "
              + records.size());
    }
  }

  private static boolean containsKeyIgnoreCase(Map<String, ?> m, String key) {
    for (String k : m.keySet()) {
      if (k.equalsIgnoreCase(key)) {
        return true;
      }
    }
    return false;
  }

  /** Passes on exactly {@code length} bytes and fails when the source has fewer or more. */
  private static final class ExactLengthInputStream extends InputStream {
    private final InputStream in;
    private final long length;
    private long read;

    ExactLengthInputStream(InputStream in, long length) {
      this.in = in;
      this.length = length;
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
      if (read == length) {
        if (in.read() >= 0) {
          throw new IOException("the body is longer than the " + length + " bytes announced");
        }
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, length - read));
      if (n < 0) {
        throw new IOException(
            "the body ended after " + read + " of the " + length + " bytes announced");
      }
      read += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
