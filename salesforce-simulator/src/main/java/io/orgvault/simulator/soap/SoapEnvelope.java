package io.orgvault.simulator.soap;

import java.util.List;

/**
 * A parsed SOAP request: the header elements and the operation element (the first child of the
 * body, e.g. {@code <query>}).
 */
record SoapEnvelope(List<XmlNode> headers, XmlNode operation) {

  /** A header element by local name, or null. */
  XmlNode header(String localName) {
    for (XmlNode h : headers) {
      if (h.name().equals(localName)) {
        return h;
      }
    }
    return null;
  }

  /** {@code SessionHeader/sessionId}, or null. */
  String sessionId() {
    XmlNode h = header("SessionHeader");
    return h == null ? null : h.childText("sessionId");
  }

  /** {@code AllOrNoneHeader/allOrNone}: whether one failed record fails the whole DML call. */
  boolean allOrNone() {
    XmlNode h = header("AllOrNoneHeader");
    String s = h == null ? null : h.childText("allOrNone");
    return s != null && (s.trim().equals("true") || s.trim().equals("1"));
  }

  /** {@code QueryOptions/batchSize}, or null when the header or the value is absent. */
  Integer batchSize() {
    XmlNode h = header("QueryOptions");
    String s = h == null ? null : h.childText("batchSize");
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      throw SoapFault.unexpected("INVALID_SOAP_HEADER", "QueryOptions batchSize is not a number");
    }
  }
}
