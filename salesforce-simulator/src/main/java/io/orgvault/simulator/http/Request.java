package io.orgvault.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import io.orgvault.simulator.auth.Session;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request as handlers see it: method, the path below the route's prefix, query parameters,
 * headers, the body stream and, for authenticated routes, the caller's session.
 */
public final class Request {
  /** Request bodies larger than this are refused, so a client cannot exhaust the heap. */
  public static final long MAX_BODY_BYTES = 150L * 1024 * 1024;

  private final HttpExchange exchange;
  private final String path;
  private final Map<String, String> query;
  private Session session;

  Request(HttpExchange exchange, String path) {
    this.exchange = exchange;
    this.path = path;
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
  }

  public HttpExchange exchange() {
    return exchange;
  }

  public String method() {
    return exchange.getRequestMethod();
  }

  /** The full path of the request, decoded. */
  public String path() {
    return path;
  }

  public Map<String, String> query() {
    return query;
  }

  public String param(String name) {
    return query.get(name);
  }

  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  public InputStream body() {
    return exchange.getRequestBody();
  }

  public byte[] bodyBytes() throws IOException {
    byte[] b =
        exchange
            .getRequestBody()
            .readNBytes((int) Math.min(MAX_BODY_BYTES + 1, Integer.MAX_VALUE - 8));
    if (b.length > MAX_BODY_BYTES) {
      throw new ApiException(413, "REQUEST_ENTITY_TOO_LARGE", "Request body too large");
    }
    return b;
  }

  public String bodyString() throws IOException {
    return new String(bodyBytes(), StandardCharsets.UTF_8);
  }

  /** The caller's session; set by the router on authenticated routes. */
  public Session session() {
    if (session == null) {
      throw ApiException.invalidSession();
    }
    return session;
  }

  void session(Session s) {
    this.session = s;
  }

  /** Parses {@code a=1&b=2} (also used for form bodies). */
  public static Map<String, String> parseQuery(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      m.putIfAbsent(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }
}
