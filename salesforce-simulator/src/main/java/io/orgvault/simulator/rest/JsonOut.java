package io.orgvault.simulator.rest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.orgvault.simulator.http.Responses;
import java.io.IOException;
import java.io.OutputStream;

/** Streams a JSON response body as it is generated, so large results never sit in memory. */
final class JsonOut {
  private JsonOut() {}

  /** Writes the body of a streamed JSON response. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator out) throws IOException;
  }

  static void stream(HttpExchange ex, int status, Body body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", Responses.JSON_TYPE);
    ex.sendResponseHeaders(status, 0);
    OutputStream os = ex.getResponseBody();
    try (JsonGenerator out = Responses.JSON.getFactory().createGenerator(os, JsonEncoding.UTF8)) {
      body.write(out);
    }
  }
}
