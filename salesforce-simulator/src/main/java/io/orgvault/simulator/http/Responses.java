package io.orgvault.simulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes responses in the forms the Salesforce APIs use. */
public final class Responses {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String JSON_TYPE = "application/json;charset=UTF-8";

  private Responses() {}

  public static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, JSON_TYPE, JSON.writeValueAsBytes(body));
  }

  public static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    boolean empty = body == null || body.length == 0 || status == 204;
    ex.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    } else {
      ex.close();
    }
  }

  public static void text(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The REST error body: a JSON array with one error. */
  public static ArrayNode errorBody(String errorCode, String message, List<String> fields) {
    ArrayNode arr = JSON.createArrayNode();
    ObjectNode e = arr.addObject();
    e.put("message", message);
    e.put("errorCode", errorCode);
    if (fields != null) {
      ArrayNode f = e.putArray("fields");
      fields.forEach(f::add);
    }
    return arr;
  }

  public static void error(HttpExchange ex, ApiException e) throws IOException {
    json(ex, e.status(), errorBody(e.errorCode(), e.getMessage(), e.fields()));
  }
}
