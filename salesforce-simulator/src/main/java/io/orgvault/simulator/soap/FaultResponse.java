package io.orgvault.simulator.soap;

import com.sun.net.httpserver.HttpExchange;
import io.orgvault.simulator.http.Responses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Sends a {@link SoapFault} as a SOAP 1.1 fault envelope. */
final class FaultResponse {
  private FaultResponse() {}

  static void send(HttpExchange exchange, SoapFault f) throws IOException {
    Responses.send(exchange, f.httpStatus(), SoapNames.CONTENT_TYPE, render(f));
  }

  static byte[] render(SoapFault f) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    SoapWriter w = SoapWriter.envelope(buf, SoapNames.FAULT, false);
    w.startEnvelopePart("Body").startEnvelopePart("Fault");
    w.element("faultcode", f.faultCode());
    w.element("faultstring", f.faultString());
    if (f.type() != SoapFault.Type.PLAIN) {
      String type = f.type().element();
      w.start("detail");
      w.startSf(type).xsiType("sf:" + type);
      w.sfElement("exceptionCode", f.code());
      w.sfElement("exceptionMessage", f.getMessage());
      if (f.type().query()) {
        w.sfElement("row", f.row());
        w.sfElement("column", f.column());
      }
      w.end().end();
    }
    w.end().end().end();
    w.finishDocument();
    return buf.toByteArray();
  }
}
