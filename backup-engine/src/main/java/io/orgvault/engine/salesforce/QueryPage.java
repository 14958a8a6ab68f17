package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a REST query result, read with Jackson's streaming parser: {@code totalSize}, {@code
 * done}, {@code nextRecordsUrl} and the page's records. A record is a map of field name to raw JSON
 * value: {@link String}, {@link Boolean}, {@link BigDecimal} (built from the number's text, so no
 * digit is lost), null, a nested map (a parent record or compound field, {@code attributes} left
 * out) or a list. Anything short of a complete, well-formed page is a {@link
 * MalformedResponseException}.
 */
record QueryPage(
    long totalSize, boolean done, String nextRecordsUrl, List<Map<String, Object>> records) {

  /** More records than this on one page is not a Salesforce page (at most 2000). */
  static final int MAX_RECORDS_PER_PAGE = 10_000;

  static QueryPage read(InputStream in, String endpoint) throws IOException {
    try (JsonParser p = HttpTransport.JSON.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad(endpoint, "the query response is not a JSON object");
      }
      Long totalSize = null;
      Boolean done = null;
      String next = null;
      List<Map<String, Object>> records = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "totalSize" -> {
            if (v != JsonToken.VALUE_NUMBER_INT) {
              throw bad(endpoint, "totalSize is not a whole number");
            }
            totalSize = p.getLongValue();
          }
          case "done" -> {
            if (!v.isBoolean()) {
              throw bad(endpoint, "done is not a boolean");
            }
            done = v == JsonToken.VALUE_TRUE;
          }
          case "nextRecordsUrl" -> {
            if (v == JsonToken.VALUE_STRING) {
              next = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              throw bad(endpoint, "nextRecordsUrl is not a string");
            }
          }
          case "records" -> {
            if (v != JsonToken.START_ARRAY) {
              throw bad(endpoint, "records is not an array");
            }
            records = new ArrayList<>();
            while ((v = p.nextToken()) == JsonToken.START_OBJECT) {
              if (records.size() == MAX_RECORDS_PER_PAGE) {
                throw bad(endpoint, "a page holds more than " + MAX_RECORDS_PER_PAGE + " records");
              }
              records.add(object(p));
            }
            if (v != JsonToken.END_ARRAY) {
              throw bad(endpoint, "records holds something other than records");
            }
          }
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw bad(endpoint, "the query response ended early");
      }
      if (p.nextToken() != null) {
        throw bad(endpoint, "the query response has content after its end");
      }
      if (totalSize == null || done == null || records == null) {
        throw bad(endpoint, "the query response lacks totalSize, done or records");
      }
      if (!done && next == null) {
        throw bad(endpoint, "the query response is not done but has no nextRecordsUrl");
      }
      return new QueryPage(totalSize, done, done ? null : next, records);
    }
  }

  /** Reads an object whose START_OBJECT is the current token; {@code attributes} are skipped. */
  private static Map<String, Object> object(JsonParser p) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (name.equals("attributes")) {
        p.skipChildren();
      } else {
        m.put(name, value(p));
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new com.fasterxml.jackson.core.JsonParseException(p, "unterminated object");
    }
    return m;
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new BigDecimal(p.getText());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT -> object(p);
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unterminated array");
          }
          list.add(value(p));
        }
        yield Collections.unmodifiableList(list);
      }
      default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
    };
  }

  private static MalformedResponseException bad(String endpoint, String problem) {
    return new MalformedResponseException(endpoint, problem);
  }
}
