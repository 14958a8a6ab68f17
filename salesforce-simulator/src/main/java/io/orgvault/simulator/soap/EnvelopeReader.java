package io.orgvault.simulator.soap;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a SOAP 1.1 request envelope with the JDK's StAX parser. DTDs are refused outright, so no
 * entity (internal or external) is ever expanded: a request cannot read local files, reach other
 * hosts or blow up in memory through entities.
 */
final class EnvelopeReader {
  /** Deeper nesting than any partner API request has is refused. */
  private static final int MAX_DEPTH = 32;

  private static final XMLInputFactory FACTORY = secureFactory();

  private EnvelopeReader() {}

  private static XMLInputFactory secureFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setXMLResolver(
        (publicId, systemId, baseUri, ns) -> {
          throw new XMLStreamException("external entities are not allowed");
        });
    return f;
  }

  /**
   * Parses an envelope.
   *
   * @throws SoapFault a {@code soapenv:Client} fault when the body is not a SOAP envelope
   */
  static SoapEnvelope read(InputStream in) throws IOException {
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(in);
      XmlNode envelope = readDocument(r);
      if (!envelope.name().equals("Envelope") || !envelope.namespace().equals(SoapNames.ENVELOPE)) {
        throw SoapFault.client("Expected a SOAP 1.1 Envelope element");
      }
      List<XmlNode> headers = new ArrayList<>();
      XmlNode body = null;
      for (XmlNode c : envelope.children()) {
        if (!c.namespace().equals(SoapNames.ENVELOPE)) {
          continue;
        }
        if (c.name().equals("Header")) {
          headers.addAll(c.children());
        } else if (c.name().equals("Body")) {
          body = c;
        }
      }
      if (body == null || body.children().isEmpty()) {
        throw SoapFault.client("The SOAP Body has no operation element");
      }
      return new SoapEnvelope(List.copyOf(headers), body.children().get(0));
    } catch (XMLStreamException e) {
      throw SoapFault.client("Unable to parse the request: " + describe(e));
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing left to release
        }
      }
    }
  }

  private static XmlNode readDocument(XMLStreamReader r) throws XMLStreamException {
    Deque<XmlNode> open = new ArrayDeque<>();
    XmlNode root = null;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
            throw SoapFault.client("DOCTYPE and entity references are not allowed");
        case XMLStreamConstants.START_ELEMENT -> {
          if (open.size() >= MAX_DEPTH) {
            throw SoapFault.client("The request nests elements too deeply");
          }
          XmlNode n =
              new XmlNode(
                  r.getNamespaceURI(),
                  r.getLocalName(),
                  "true".equals(r.getAttributeValue(SoapNames.XSI, "nil"))
                      || "1".equals(r.getAttributeValue(SoapNames.XSI, "nil")));
          if (open.isEmpty()) {
            if (root != null) {
              throw SoapFault.client("More than one root element");
            }
            root = n;
          } else {
            open.peek().add(n);
          }
          open.push(n);
        }
        case XMLStreamConstants.END_ELEMENT -> open.pop();
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!open.isEmpty()) {
            open.peek().appendText(r.getText());
          }
        }
        default -> {
          // whitespace, comments and processing instructions carry nothing
        }
      }
    }
    if (root == null) {
      throw SoapFault.client("Premature end of file");
    }
    return root;
  }

  private static String describe(XMLStreamException e) {
    String m = e.getMessage();
    if (m == null) {
      return "malformed XML";
    }
    // The JDK prefixes messages with "ParseError at [row,col]:[..]\nMessage: ".
    int i = m.indexOf("Message: ");
    return i >= 0 ? m.substring(i + "Message: ".length()) : m;
  }
}
