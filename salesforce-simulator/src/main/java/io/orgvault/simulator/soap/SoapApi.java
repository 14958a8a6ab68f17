package io.orgvault.simulator.soap;

import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.auth.Session;
import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.ApiVersions;
import io.orgvault.simulator.http.Handler;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.org.SalesforceId;
import io.orgvault.simulator.soql.SoqlException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The SOAP partner API at {@code /services/Soap/u/NN.0} (optionally followed by {@code /<orgId>},
 * as the server URL of a login result is). The session comes from the {@code SessionHeader} of the
 * envelope, not from an HTTP header; every error, including those the router raises (injected
 * outages, spent limits), is answered as a SOAP fault.
 */
public final class SoapApi implements Handler {
  private static final Pattern PATH =
      Pattern.compile("^/services/Soap/u/(\\d+)\\.0(?:/([0-9A-Za-z]{15}|[0-9A-Za-z]{18}))?/?$");

  /** A partner API operation. */
  @FunctionalInterface
  interface Operation {
    void run(SoapCall call) throws IOException;
  }

  private final SimulatorContext ctx;
  private final Map<String, Operation> operations = new HashMap<>();

  public SoapApi(SimulatorContext ctx) {
    this.ctx = ctx;
    DescribeCalls describe = new DescribeCalls(ctx);
    operations.put("describeGlobal", describe::describeGlobal);
    operations.put("describeSObject", describe::describeSObject);
    operations.put("describeSObjects", describe::describeSObjects);
    DmlCalls dml = new DmlCalls();
    operations.put("create", dml::create);
    operations.put("update", dml::update);
    operations.put("upsert", dml::upsert);
    operations.put("delete", dml::delete);
    operations.put("undelete", dml::undelete);
    QueryCalls query = new QueryCalls(new QueryCursors(Clock.systemUTC()));
    operations.put("query", call -> query.query(call, false));
    operations.put("queryAll", call -> query.query(call, true));
    operations.put("queryMore", query::queryMore);
    operations.put("retrieve", RetrieveCall::retrieve);
    operations.put("getUpdated", ReplicationCalls::getUpdated);
    operations.put("getDeleted", ReplicationCalls::getDeleted);
    operations.put("getUserInfo", SessionCalls::getUserInfo);
    operations.put("getServerTimestamp", SessionCalls::getServerTimestamp);
  }

  @Override
  public void handle(Request request) throws IOException {
    SoapCall call = null;
    try {
      Matcher m = PATH.matcher(request.path());
      if (!m.matches()) {
        throw ApiException.notFound();
      }
      int version = Integer.parseInt(m.group(1));
      if (!ApiVersions.supported(version)) {
        throw SoapFault.unexpected(
            "UNSUPPORTED_API_VERSION", "Invalid Api version specified on URL: " + version + ".0");
      }
      if (!request.method().equalsIgnoreCase("POST")) {
        throw SoapFault.client("The partner API accepts only HTTP POST");
      }
      SoapEnvelope envelope;
      try (InputStream body = requestBody(request)) {
        envelope = EnvelopeReader.read(body);
      }
      XmlNode op = envelope.operation();
      Operation operation =
          op.namespace().equals(SoapNames.PARTNER) ? operations.get(op.name()) : null;
      if (operation == null) {
        throw SoapFault.client(
            "No operation available for request {" + op.namespace() + "}" + op.name());
      }
      Session session = authenticate(envelope.sessionId(), m.group(2));
      call = new SoapCall(ctx, session, envelope, request.exchange(), acceptsGzip(request));
      operation.run(call);
    } catch (SoqlException e) {
      sendFault(request, call, SoapFault.fromSoql(e));
    } catch (SoapFault f) {
      sendFault(request, call, f);
    }
  }

  /** Errors the router raises (and uncaught failures) become SOAP faults too. */
  @Override
  public void writeError(Request request, ApiException e) throws IOException {
    FaultResponse.send(request.exchange(), SoapFault.fromApi(e));
  }

  private static void sendFault(Request request, SoapCall call, SoapFault f) throws IOException {
    if (call != null && call.responding()) {
      // Headers are gone: all that is left is to cut the response short.
      request.exchange().close();
      return;
    }
    FaultResponse.send(request.exchange(), f);
  }

  private Session authenticate(String sessionId, String urlOrgId) {
    Session s = ctx.tokens().validate(sessionId).orElseThrow(SoapFault::invalidSession);
    if (urlOrgId != null) {
      String n = SalesforceId.normalize(urlOrgId);
      if (n == null || !n.equals(SalesforceId.normalize(s.orgId()))) {
        throw SoapFault.invalidSession();
      }
    }
    return s;
  }

  private static boolean acceptsGzip(Request request) {
    String h = request.header("Accept-Encoding");
    return h != null && h.toLowerCase(Locale.ROOT).contains("gzip");
  }

  /** The request body, inflated when the client compressed it (force-wsc does by default). */
  private static InputStream requestBody(Request request) throws IOException {
    InputStream in = new LimitedInputStream(request.body(), Request.MAX_BODY_BYTES);
    String encoding = request.header("Content-Encoding");
    if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
      try {
        in = new LimitedInputStream(new GZIPInputStream(in), Request.MAX_BODY_BYTES);
      } catch (IOException e) {
        throw SoapFault.client("The request body is not valid gzip");
      }
    }
    return in;
  }

  /** Refuses bodies over a size, before and after inflation, so no request exhausts the heap. */
  private static final class LimitedInputStream extends FilterInputStream {
    private final long max;
    private long count;

    LimitedInputStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) {
      count += n;
      if (count > max) {
        throw new ApiException(413, "REQUEST_ENTITY_TOO_LARGE", "Request body too large");
      }
    }
  }
}
