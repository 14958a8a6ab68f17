package io.orgvault.simulator.soap;

import com.sun.net.httpserver.HttpExchange;
import io.orgvault.simulator.SimulatorContext;
import io.orgvault.simulator.auth.Session;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One authenticated partner API call: the request envelope, the caller's session and the response
 * under way. A response is started only once the operation knows it will succeed, so every fault is
 * still sent as a whole fault envelope.
 */
final class SoapCall {
  private static final int BUFFER = 64 * 1024;

  private final SimulatorContext ctx;
  private final Session session;
  private final SoapEnvelope envelope;
  private final HttpExchange exchange;
  private final boolean gzip;
  private SoapWriter writer;

  SoapCall(
      SimulatorContext ctx,
      Session session,
      SoapEnvelope envelope,
      HttpExchange exchange,
      boolean gzip) {
    this.ctx = ctx;
    this.session = session;
    this.envelope = envelope;
    this.exchange = exchange;
    this.gzip = gzip;
  }

  SimulatorContext ctx() {
    return ctx;
  }

  Session session() {
    return session;
  }

  String userId() {
    return session.userId();
  }

  SoapEnvelope envelope() {
    return envelope;
  }

  /** The operation element, e.g. {@code <query>}. */
  XmlNode operation() {
    return envelope.operation();
  }

  boolean responding() {
    return writer != null;
  }

  /**
   * Sends the HTTP headers and starts the envelope: a {@code LimitInfoHeader} with the org's API
   * usage, as Salesforce sends on every call, then {@code <responseElement>} in the body.
   */
  SoapWriter respond(String responseElement) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", SoapNames.CONTENT_TYPE);
    if (gzip) {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
    }
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), BUFFER);
    if (gzip) {
      out = new GZIPOutputStream(out, BUFFER);
    }
    writer = SoapWriter.envelope(out, SoapNames.SOBJECT, true);
    writer.startEnvelopePart("Header");
    writer.start("LimitInfoHeader").start("limitInfo");
    writer.element("current", ctx.limits().used());
    writer.element("limit", ctx.limits().dailyMax());
    writer.element("type", "API REQUESTS");
    writer.end().end().end();
    writer.startEnvelopePart("Body").start(responseElement);
    return writer;
  }

  /** Closes the response element, the body and the envelope, and ends the response. */
  void finish() throws IOException {
    writer.end().end().end();
    writer.finishDocument();
    writer.stream().close();
  }
}
