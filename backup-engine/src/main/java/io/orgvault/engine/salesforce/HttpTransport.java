package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * Every REST and Bulk API call goes through here: HTTPS with the client's TLS context, the bearer
 * session (renewed once on {@code INVALID_SESSION_ID}), the run's {@link ApiBudget}, the usage
 * report of each response, typed errors, and retries with exponential backoff and full jitter for
 * transient failures. Bodies are handed over as streams; nothing here reads a success body whole.
 */
final class HttpTransport {
  static final JsonFactory JSON = JsonFactory.builder().build();

  /** The most of an error body that is read. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** The most of a server's error text that goes into a message. */
  static final int MAX_MESSAGE_TEXT = 300;

  private final HttpClient http;
  private final TokenSource tokens;
  private final ApiBudget budget;
  private final ClientOptions options;
  private final Redactor redactor;

  HttpTransport(
      SSLContext tls,
      TokenSource tokens,
      ApiBudget budget,
      ClientOptions options,
      Redactor redactor) {
    this.http = newHttpClient(tls, options);
    this.tokens = tokens;
    this.budget = budget;
    this.options = options;
    this.redactor = redactor;
  }

  static HttpClient newHttpClient(SSLContext tls, ClientOptions options) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    options.proxy().ifPresent(p -> b.proxy(ProxySelector.of(p)));
    return b.build();
  }

  Redactor redactor() {
    return redactor;
  }

  ClientOptions options() {
    return options;
  }

  ApiBudget budget() {
    return budget;
  }

  TokenSource tokens() {
    return tokens;
  }

  /** One API call: method, path (with query) below the instance URL, headers and body. */
  record Call(
      String method,
      String path,
      Map<String, String> headers,
      String contentType,
      byte[] body,
      StreamBody stream,
      boolean metered,
      boolean retryable,
      boolean write,
      java.util.concurrent.atomic.AtomicInteger tally) {
    Call {
      if (!path.startsWith("/services/")) {
        throw new IllegalArgumentException("not a Salesforce API path: " + path);
      }
      headers = Map.copyOf(headers);
    }

    static Call get(String path) {
      return new Call("GET", path, Map.of(), null, null, null, true, true, false, null);
    }

    static Call post(String path, String contentType, byte[] body) {
      return new Call("POST", path, Map.of(), contentType, body, null, true, true, false, null);
    }

    /**
     * A call that changes data: repeated only when Salesforce certainly did not process it (see
     * {@link Transient#unprocessed}); any other failure is a {@link WriteOutcomeUnknownException}.
     */
    static Call write(String method, String path, String contentType, byte[] body) {
      return new Call(method, path, Map.of(), contentType, body, null, true, true, true, null);
    }

    /** A write whose body is streamed (sent chunked) rather than held in memory. */
    static Call write(String method, String path, String contentType, StreamBody body) {
      return new Call(method, path, Map.of(), contentType, null, body, true, true, true, null);
    }

    Call header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Call(method, path, h, contentType, body, stream, metered, retryable, write, tally);
    }

    Call unmetered() {
      return new Call(
          method, path, headers, contentType, body, stream, false, retryable, write, tally);
    }

    Call notRetryable() {
      return new Call(
          method, path, headers, contentType, body, stream, metered, false, write, tally);
    }

    /** Counts each metered attempt of this call in {@code counter} as well as in the budget. */
    Call tally(java.util.concurrent.atomic.AtomicInteger counter) {
      return new Call(
          method, path, headers, contentType, body, stream, metered, retryable, write, counter);
    }

    /** Method and path without the query string, for messages. */
    String endpoint() {
      int q = path.indexOf('?');
      return method + " " + (q < 0 ? path : path.substring(0, q));
    }
  }

  /** A successful response whose body has not been read yet. Closing it ends the exchange. */
  static final class Response implements Closeable {
    private final Call call;
    private final int status;
    private final HttpHeaders headers;
    private final InputStream body;

    Response(Call call, int status, HttpHeaders headers, InputStream body) {
      this.call = call;
      this.status = status;
      this.headers = headers;
      this.body = body;
    }

    Call call() {
      return call;
    }

    String endpoint() {
      return call.endpoint();
    }

    int status() {
      return status;
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The body, already inflated when it came gzip-encoded. */
    InputStream body() {
      return body;
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException ignored) {
        // The exchange is over either way.
      }
    }
  }

  /** Reads a successful response. May throw IOException or MalformedResponseException. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Response r) throws IOException;
  }

  /**
   * Makes a call and reads its response with {@code reader}, retrying the whole call when the
   * response is cut off or malformed and the call is safe to repeat.
   */
  <T> T execute(Call call, Reader<T> reader) {
    Attempts attempts = new Attempts(call);
    while (true) {
      try (Response r = attempt(call, attempts)) {
        return reader.read(r);
      } catch (Transient t) {
        attempts.failed(t);
      } catch (MalformedResponseException e) {
        attempts.failed(new Transient(e.getMessage(), e));
      } catch (IOException e) {
        attempts.failed(
            new Transient("the response broke off: " + describe(e), readFailure(call, e)));
      }
    }
  }

  /**
   * Makes a call and returns its successful response unread, for the caller to stream (and close).
   * Failures before the body (errors, refused connections) are retried here; failures while reading
   * it are the caller's to handle.
   */
  Response open(Call call) {
    Attempts attempts = new Attempts(call);
    while (true) {
      try {
        return attempt(call, attempts);
      } catch (Transient t) {
        attempts.failed(t);
      }
    }
  }

  /** Sleeps before a retry of something other than a single call (e.g. a result page). */
  void backoff(int retry) {
    sleep(options.retryPolicy().delay(retry, options.random()));
  }

  void sleep(Duration d) {
    try {
      options.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SalesforceException("interrupted while waiting to call Salesforce again", e);
    }
  }

  private Response attempt(Call call, Attempts attempts) throws Transient {
    if (call.metered()) {
      budget.beforeCall(call.endpoint());
      if (call.tally() != null) {
        call.tally().incrementAndGet();
      }
    }
    AccessToken token = tokens.current();
    redactor.add(token.value());
    HttpRequest request = request(call, token);
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              request, InactivityGuardedBody.handler(call.endpoint(), options.bodyReadTimeout()));
    } catch (IOException e) {
      javax.net.ssl.SSLException tls = UntrustedServerException.tlsFailure(e);
      if (tls != null) {
        throw UntrustedServerException.of(token.instanceUrl().getHost(), tls);
      }
      if (call.stream() != null && call.stream().sourceFailure() != null) {
        // The body broke off on this side: the request was incomplete, so nothing was written.
        throw new java.io.UncheckedIOException(
            "the body for " + call.endpoint() + " could not be read; nothing was written",
            call.stream().sourceFailure());
      }
      if (e instanceof java.net.ConnectException
          || e instanceof java.net.http.HttpConnectTimeoutException) {
        // No connection, so no request reached the server.
        throw Transient.unprocessed("the connection failed: " + describe(e), e);
      }
      throw new Transient("the connection failed: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SalesforceException("interrupted while calling " + call.endpoint(), e);
    }
    HttpHeaders headers = response.headers();
    String limitHeader = headers.firstValue("Sforce-Limit-Info").orElse(null);
    LimitInfo.parseHeader(limitHeader).ifPresent(budget::observe);
    int status = response.statusCode();
    InputStream body;
    try {
      body = decode(headers, response.body());
    } catch (IOException e) {
      close(response.body());
      throw new Transient("the response broke off: " + describe(e), e);
    }
    if (status >= 200 && status < 300) {
      return new Response(call, status, headers, body);
    }
    ApiError error;
    try (InputStream in = body) {
      error = ApiError.read(in.readNBytes(MAX_ERROR_BODY));
    } catch (IOException e) {
      error = null;
    }
    throw failure(call, status, error, token, attempts);
  }

  /** The exception for an error response: a {@link Transient} to retry, or a terminal one. */
  private Transient failure(
      Call call, int status, ApiError error, AccessToken token, Attempts attempts) {
    String code = error == null ? null : error.errorCode();
    String message = error == null ? null : redactor.redact(error.message(), MAX_MESSAGE_TEXT);
    if (status == 401) {
      if (attempts.renewedSession) {
        throw new AuthenticationException(
            "Salesforce rejected a freshly issued session ("
                + (code == null ? "HTTP 401" : code)
                + ") at "
                + call.endpoint()
                + "; the integration user may have lost API access");
      }
      attempts.renewedSession = true;
      tokens.refresh(token);
      return Transient.immediate("the session expired");
    }
    if (status == 403 && "REQUEST_LIMIT_EXCEEDED".equals(code)) {
      throw new ApiLimitExceededException(
          "Salesforce refused "
              + call.endpoint()
              + " with REQUEST_LIMIT_EXCEEDED ("
              + message
              + ")"
              + budget.lastUsage().map(u -> "; the org's API usage was " + u).orElse("")
              + ". The run stopped and can resume from its checkpoint once the allowance"
              + " recovers.",
          budget.lastUsage().orElse(null),
          null);
    }
    if (status == 503 && "SERVER_UNAVAILABLE".equals(code)) {
      // Salesforce answers an outage this way before it processes the request.
      return Transient.unprocessed(
          "HTTP 503 SERVER_UNAVAILABLE",
          new SalesforceApiException(status, code, "HTTP 503 SERVER_UNAVAILABLE: " + message));
    }
    if (status >= 500 || status == 429 || status == 408 || (status == 403 && error == null)) {
      return new Transient(
          "HTTP " + status + (code == null ? "" : " " + code),
          new SalesforceApiException(
              status, code, "HTTP " + status + " " + (code == null ? "" : code + ": " + message)));
    }
    throw new SalesforceApiException(
        status,
        code,
        "Salesforce answered "
            + call.endpoint()
            + " with HTTP "
            + status
            + (code == null ? " and an unreadable error body" : " " + code + ": " + message),
        message,
        error == null ? List.of() : error.fields());
  }

  private HttpRequest request(Call call, AccessToken token) {
    URI uri = URI.create(token.instanceUrl() + call.path());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(options.requestTimeout())
            .header("Authorization", "Bearer " + token.value())
            .header("Accept-Encoding", "gzip")
            .header("Accept", "application/json");
    call.headers().forEach(b::setHeader);
    if (call.stream() != null) {
      b.header("Content-Type", call.contentType());
      b.method(call.method(), call.stream().publisher());
    } else if (call.body() != null) {
      b.header("Content-Type", call.contentType());
      b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
    } else {
      b.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  static InputStream decode(HttpHeaders headers, InputStream raw) throws IOException {
    String encoding = headers.firstValue("Content-Encoding").orElse("");
    if (encoding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
      return new GZIPInputStream(raw, 64 * 1024);
    }
    return raw;
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  static String describe(Throwable e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }

  private static MalformedResponseException readFailure(Call call, IOException e) {
    return new MalformedResponseException(
        call.endpoint(), "the response body broke off or was not valid: " + describe(e), e);
  }

  /** A failure that may go away if the call is made again. */
  static final class Transient extends Exception {
    private final boolean immediate;
    private final boolean unprocessed;

    Transient(String reason, Throwable cause) {
      this(reason, cause, false, false);
    }

    private Transient(String reason, Throwable cause, boolean immediate, boolean unprocessed) {
      super(reason, cause, false, false);
      this.immediate = immediate;
      this.unprocessed = unprocessed;
    }

    /**
     * Retry at once and do not count it as a failed attempt (after renewing the session). The
     * session is checked before anything else, so the call was not processed.
     */
    static Transient immediate(String reason) {
      return new Transient(reason, null, true, true);
    }

    /** A failure that certainly happened before Salesforce processed the call: safe to repeat. */
    static Transient unprocessed(String reason, Throwable cause) {
      return new Transient(reason, cause, false, true);
    }
  }

  /** The attempts of one call. */
  private final class Attempts {
    private final Call call;
    private int failures;
    boolean renewedSession;

    Attempts(Call call) {
      this.call = call;
    }

    /** Takes a failed attempt: waits before the next one, or gives up with the right exception. */
    void failed(Transient t) {
      if (call.write()) {
        checkWriteRepeatable(t);
      }
      if (t.immediate) {
        return;
      }
      failures++;
      RetryPolicy policy = options.retryPolicy();
      if (!call.retryable() || failures >= policy.maxAttempts()) {
        String what =
            call.retryable()
                ? " failed " + failures + " times; the last failure: " + t.getMessage()
                : " failed and is not safe to repeat: " + t.getMessage();
        if (t.getCause() instanceof MalformedResponseException m) {
          throw new MalformedResponseException(
              call.endpoint(), "the response was cut off or malformed" + what, m);
        }
        throw new ServiceUnavailableException(
            "Salesforce call " + call.endpoint() + what, failures, t.getCause());
      }
      backoff(failures);
    }

    /** A write is repeated only when it was certainly not processed and its body can be resent. */
    private void checkWriteRepeatable(Transient t) {
      if (!t.unprocessed) {
        throw new WriteOutcomeUnknownException(
            "Salesforce may or may not have carried out "
                + call.endpoint()
                + " ("
                + t.getMessage()
                + "); it was not sent again, so that nothing is written twice",
            t.getCause());
      }
      if (call.stream() != null && !call.stream().canResend()) {
        throw new ServiceUnavailableException(
            "Salesforce did not process "
                + call.endpoint()
                + " ("
                + t.getMessage()
                + ") and its body was a stream that cannot be sent again; nothing was written",
            failures + 1,
            t.getCause());
      }
    }
  }

  /** An error body: Salesforce's array {@code [{"message":..,"errorCode":..}]} or an object. */
  record ApiError(String errorCode, String message, List<String> fields) {
    static ApiError read(byte[] body) {
      if (body.length == 0) {
        return null;
      }
      try (JsonParser p = JSON.createParser(new ByteArrayInputStream(body))) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
          t = p.nextToken();
        }
        if (t != JsonToken.START_OBJECT) {
          return null;
        }
        String code = null;
        String message = null;
        List<String> fields = new ArrayList<>();
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("fields") && p.currentToken() == JsonToken.START_ARRAY) {
            while (p.nextToken() == JsonToken.VALUE_STRING) {
              fields.add(p.getText());
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
              return null;
            }
          } else if (p.currentToken().isScalarValue()) {
            switch (name) {
              case "errorCode", "error" -> code = code == null ? p.getText() : code;
              case "message", "error_description" ->
                  message = message == null ? p.getText() : message;
              default -> {}
            }
          } else {
            p.skipChildren();
          }
        }
        if (t != JsonToken.END_OBJECT || code == null) {
          return null;
        }
        return new ApiError(code, message == null ? "" : message, fields);
      } catch (IOException e) {
        return null;
      }
    }
  }
}
