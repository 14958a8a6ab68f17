package io.orgvault.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.orgvault.simulator.auth.AccessTokens;
import io.orgvault.simulator.fault.FaultPlan;
import io.orgvault.simulator.fault.Faults;
import io.orgvault.simulator.fault.StallingOutputStream;
import io.orgvault.simulator.fault.TruncatingOutputStream;
import io.orgvault.simulator.limits.ApiLimits;
import io.orgvault.simulator.org.DmlException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dispatches requests to routes by path prefix and applies what every API call shares: fault
 * injection, API version check, bearer-token authentication, limit accounting and error shapes. A
 * handler failure never reaches the client as a stack trace.
 */
public final class Router implements HttpHandler {
  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  /** A truncated body keeps at most this many bytes. */
  private static final int MAX_TRUNCATED_BYTES = 2048;

  /** An early error reads at most this much of a request body to keep the connection usable. */
  private static final long MAX_DRAINED_BYTES = 1 << 20;

  /**
   * A route.
   *
   * @param versioned the path has a {@code vNN.0} segment that must be a supported version
   * @param authenticated an {@code Authorization: Bearer} token is required
   * @param metered the call counts against the API limits and is subject to fault injection
   */
  public record Route(
      String prefix,
      boolean exact,
      boolean versioned,
      boolean authenticated,
      boolean metered,
      Handler handler) {
    boolean matches(String path) {
      return exact ? path.equals(prefix) : path.startsWith(prefix);
    }
  }

  private final List<Route> routes = new ArrayList<>();
  private final AccessTokens tokens;
  private final ApiLimits limits;
  private final Faults faults;
  private final java.util.Random truncation = new java.util.Random(7);

  public Router(AccessTokens tokens, ApiLimits limits, Faults faults) {
    this.tokens = tokens;
    this.limits = limits;
    this.faults = faults;
  }

  /** Adds a route; the first matching route in order of addition wins. */
  public Router add(Route r) {
    routes.add(r);
    return this;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    Route route = routes.stream().filter(r -> r.matches(path)).findFirst().orElse(null);
    Request req = new Request(ex, path);
    Handler handler = route == null ? r -> {} : route.handler();
    boolean acquired = false;
    try {
      if (route == null) {
        throw ApiException.notFound();
      }
      Faults.Decision fault = route.metered() ? faults.next() : null;
      if (fault != null && fault.any()) {
        applyBefore(fault);
      }
      if (route.versioned()) {
        int v = ApiVersions.of(path);
        if (!ApiVersions.supported(v)) {
          throw ApiException.notFound();
        }
      }
      if (route.authenticated()) {
        req.session(tokens.validate(bearer(req)).orElseThrow(ApiException::invalidSession));
      }
      if (route.metered()) {
        limits.acquire();
        acquired = true;
        ex.getResponseHeaders().set("Sforce-Limit-Info", limits.header());
      }
      if (fault != null && fault.serverError()) {
        throw new ApiException(
            503, "SERVER_UNAVAILABLE", "Server temporarily unavailable, please try again later.");
      }
      if (fault != null && fault.truncate()) {
        ex.setStreams(
            null,
            new TruncatingOutputStream(
                ex.getResponseBody(), 1 + truncation.nextInt(MAX_TRUNCATED_BYTES)));
      }
      if (fault != null && fault.stall()) {
        FaultPlan plan = faults.plan();
        ex.setStreams(
            null,
            new StallingOutputStream(
                ex.getResponseBody(), plan.stallAfterBytes(), plan.stallFor()));
      }
      route.handler().handle(req);
    } catch (ApiException e) {
      writeError(handler, req, e);
    } catch (DmlException e) {
      writeError(handler, req, new ApiException(400, e.statusCode(), e.getMessage(), e.fields()));
    } catch (RuntimeException e) {
      String errorId = UUID.randomUUID().toString();
      LOG.log(
          Level.WARNING, "unexpected failure " + errorId + " on " + req.method() + " " + path, e);
      writeError(
          handler,
          req,
          new ApiException(
              500,
              "UNKNOWN_EXCEPTION",
              "An unexpected error occurred. Please include this ErrorId if you contact support: "
                  + errorId));
    } finally {
      if (acquired) {
        limits.release();
      }
      ex.close();
    }
  }

  private void applyBefore(Faults.Decision d) {
    if (d.latencyMillis() > 0) {
      try {
        Thread.sleep(d.latencyMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (d.expireTokens()) {
      tokens.expireAll();
    }
    if (d.exhaustLimits()) {
      limits.exhaust();
    }
  }

  private static void writeError(Handler handler, Request req, ApiException e) {
    try {
      drainRequestBody(req.exchange());
      handler.writeError(req, e);
    } catch (IOException | RuntimeException ignored) {
      // The response was already under way (headers sent); closing the exchange ends it.
    }
  }

  /**
   * Reads what is left of a request body before an error answers it early. The JDK server keeps the
   * connection alive; a request body still unread there left the next request on that connection
   * unanswered (seen in tests: a 405 for a PUT, then a POST that timed out). A body too large to
   * drain closes the connection instead.
   */
  private static void drainRequestBody(HttpExchange ex) throws IOException {
    byte[] buf = new byte[8192];
    long left = MAX_DRAINED_BYTES;
    java.io.InputStream in = ex.getRequestBody();
    int n;
    while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
      left -= n;
    }
    if (left <= 0) {
      ex.getResponseHeaders().set("Connection", "close");
    }
  }

  /** The token of an {@code Authorization: Bearer ...} (or legacy {@code OAuth ...}) header. */
  public static String bearer(Request req) {
    String h = req.header("Authorization");
    if (h == null) {
      return null;
    }
    for (String scheme : new String[] {"Bearer ", "OAuth "}) {
      if (h.regionMatches(true, 0, scheme, 0, scheme.length())) {
        return h.substring(scheme.length()).trim();
      }
    }
    return null;
  }
}
