package io.orgvault.engine.salesforce;

import com.sforce.soap.partner.Connector;
import com.sforce.soap.partner.LimitInfoHeader_element;
import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.ConnectorConfig;
import com.sforce.ws.SoapFaultException;
import java.net.Proxy;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * The SOAP partner API through Salesforce's own Java client, force-wsc's {@link PartnerConnection}.
 * TLS goes through the client's explicit {@link SSLContext}: force-wsc 65's {@link
 * ConnectorConfig#setSslContext} makes its {@code JdkHttpTransport} set that context's socket
 * factory on every {@code HttpsURLConnection} it opens, so the JVM-wide defaults are never used.
 *
 * <p>Every call counts against the run's budget, reports the {@code LimitInfoHeader} usage, renews
 * the session once on {@code INVALID_SESSION_ID}, stops on {@code REQUEST_LIMIT_EXCEEDED} and
 * retries {@code SERVER_UNAVAILABLE}, server faults and broken or malformed responses with backoff
 * (the calls made here only read, so repeating them is safe).
 */
final class PartnerApi {
  /** A partner API call. */
  @FunctionalInterface
  interface SoapCall<T> {
    T run(PartnerConnection c) throws ConnectionException;
  }

  private final HttpTransport transport;
  private final SSLContext tls;
  private final ApiVersion version;

  /**
   * One force-wsc connection per thread: a {@link PartnerConnection} keeps the headers of its last
   * response (the usage report read after each call), so threads must not share one; each thread of
   * a run's pool makes its SOAP calls (describe, getDeleted) on its own.
   */
  private final ThreadLocal<Session> sessions = new ThreadLocal<>();

  /** A thread's connection and the session it was made with. */
  private record Session(PartnerConnection connection, AccessToken token) {}

  PartnerApi(HttpTransport transport, SSLContext tls, ApiVersion version) {
    this.transport = transport;
    this.tls = tls;
    this.version = version;
  }

  <T> T call(String operation, SoapCall<T> call) {
    return call(operation, call, false);
  }

  /**
   * A call that changes data: repeated only after {@code SERVER_UNAVAILABLE}, an expired session or
   * a connection that could not be made, which all happen before Salesforce processes it; any other
   * failure is a {@link WriteOutcomeUnknownException}.
   */
  <T> T write(String operation, SoapCall<T> call) {
    return call(operation, call, true);
  }

  private <T> T call(String operation, SoapCall<T> call, boolean write) {
    String endpoint = "SOAP " + operation + " " + version.soapPath();
    ClientOptions o = transport.options();
    int failures = 0;
    boolean renewed = false;
    while (true) {
      transport.budget().beforeCall(endpoint);
      Session session = session();
      PartnerConnection c = session.connection();
      AccessToken token = session.token();
      String problem;
      Throwable cause;
      try {
        T result = call.run(c);
        observeLimits(c);
        return result;
      } catch (ApiFault f) {
        observeLimits(c);
        String code = f.getExceptionCode() == null ? "UNKNOWN" : f.getExceptionCode().toString();
        String message =
            transport.redactor().redact(f.getExceptionMessage(), HttpTransport.MAX_MESSAGE_TEXT);
        switch (code) {
          case "INVALID_SESSION_ID" -> {
            if (renewed) {
              throw new AuthenticationException(
                  "Salesforce rejected a freshly issued session at " + endpoint);
            }
            renewed = true;
            transport.tokens().refresh(token);
            continue;
          }
          case "REQUEST_LIMIT_EXCEEDED" ->
              throw new ApiLimitExceededException(
                  "Salesforce refused "
                      + endpoint
                      + " with REQUEST_LIMIT_EXCEEDED ("
                      + message
                      + ")"
                      + transport
                          .budget()
                          .lastUsage()
                          .map(u -> "; the org's API usage was " + u)
                          .orElse("")
                      + ". The run stopped and can resume once the allowance recovers.",
                  transport.budget().lastUsage().orElse(null),
                  null);
          case "SERVER_UNAVAILABLE" -> {
            problem = "SERVER_UNAVAILABLE";
            cause = null;
          }
          default ->
              throw new SalesforceApiException(
                  0, code, "Salesforce answered " + endpoint + " with " + code + ": " + message);
        }
      } catch (SoapFaultException f) {
        String side = f.getFaultCode() == null ? "" : f.getFaultCode().getLocalPart();
        String message =
            transport.redactor().redact(f.getMessage(), HttpTransport.MAX_MESSAGE_TEXT);
        if (!side.toLowerCase(Locale.ROOT).contains("server")) {
          throw new SalesforceApiException(
              0, side, "Salesforce answered " + endpoint + " with a SOAP fault: " + message);
        }
        if (write) {
          throw new WriteOutcomeUnknownException(
              "Salesforce may or may not have carried out "
                  + endpoint
                  + " (a server fault: "
                  + message
                  + "); it was not sent again, so that nothing is written twice",
              f);
        }
        problem = "a server fault: " + message;
        cause = null;
      } catch (ConnectionException e) {
        javax.net.ssl.SSLException tls = UntrustedServerException.tlsFailure(e);
        if (tls != null) {
          throw UntrustedServerException.of(token.instanceUrl().getHost(), tls);
        }
        // Broken connections and cut-off or unreadable responses.
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        problem =
            "the call failed: "
                + HttpTransport.describe(e)
                + (root == e ? "" : " (" + HttpTransport.describe(root) + ")");
        cause = e;
        if (write && !(root instanceof java.net.ConnectException)) {
          throw new WriteOutcomeUnknownException(
              "Salesforce may or may not have carried out "
                  + endpoint
                  + " ("
                  + problem
                  + "); it was not sent again, so that nothing is written twice",
              e);
        }
      }
      failures++;
      if (failures >= o.retryPolicy().maxAttempts()) {
        throw new ServiceUnavailableException(
            "Salesforce call " + endpoint + " failed " + failures + " times; the last: " + problem,
            failures,
            cause);
      }
      transport.backoff(failures);
    }
  }

  /** This thread's connection with the current session; rebuilt when the session was renewed. */
  private Session session() {
    AccessToken token = transport.tokens().current();
    Session current = sessions.get();
    if (current != null && current.token() == token) {
      return current;
    }
    transport.redactor().add(token.value());
    ConnectorConfig config = new ConnectorConfig();
    config.setServiceEndpoint(token.instanceUrl() + version.soapPath());
    config.setSessionId(token.value());
    config.setSslContext(tls);
    config.setCompression(true);
    config.setConnectionTimeout((int) transport.options().connectTimeout().toMillis());
    config.setReadTimeout((int) transport.options().requestTimeout().toMillis());
    config.setTraceMessage(false);
    transport.options().proxy().ifPresent(p -> config.setProxy(new Proxy(Proxy.Type.HTTP, p)));
    Session fresh;
    try {
      fresh = new Session(Connector.newConnection(config), token);
    } catch (ConnectionException e) {
      throw new SalesforceException("cannot set up the SOAP partner API client", e);
    }
    sessions.set(fresh);
    return fresh;
  }

  private void observeLimits(PartnerConnection c) {
    LimitInfoHeader_element header = c.getLimitInfoHeader();
    if (header == null || header.getLimitInfo() == null) {
      return;
    }
    for (com.sforce.soap.partner.LimitInfo li : header.getLimitInfo()) {
      if (li != null && "API REQUESTS".equalsIgnoreCase(li.getType())) {
        if (li.getCurrent() >= 0 && li.getLimit() >= 0) {
          transport.budget().observe(new LimitInfo(li.getCurrent(), li.getLimit()));
        }
      }
    }
  }
}
