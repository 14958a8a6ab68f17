package io.orgvault.simulator.soap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a SOAP envelope with the JDK's StAX writer, element by element, so a large result goes to
 * the client as it is produced. Unprefixed elements are in the partner namespace (the envelope's
 * default namespace); {@code sf:} elements are sObject fields in results and fault fields in
 * faults.
 */
final class SoapWriter {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private final XMLStreamWriter w;
  private final OutputStream out;
  private final String sfNamespace;

  private SoapWriter(OutputStream out, String sfNamespace) {
    this.out = out;
    this.sfNamespace = sfNamespace;
    try {
      this.w = FACTORY.createXMLStreamWriter(out, "UTF-8");
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the JDK's StAX writer is unavailable", e);
    }
  }

  /**
   * Starts an envelope: the declaration, {@code soapenv:Envelope} with its namespaces and {@code
   * sf} bound to {@code sfNamespace}.
   */
  static SoapWriter envelope(OutputStream out, String sfNamespace, boolean partnerDefault) {
    SoapWriter s = new SoapWriter(out, sfNamespace);
    s.run(
        () -> {
          s.w.writeStartDocument("UTF-8", "1.0");
          s.w.writeStartElement(SoapNames.ENVELOPE_PREFIX, "Envelope", SoapNames.ENVELOPE);
          s.w.writeNamespace(SoapNames.ENVELOPE_PREFIX, SoapNames.ENVELOPE);
          if (partnerDefault) {
            s.w.writeDefaultNamespace(SoapNames.PARTNER);
          }
          s.w.writeNamespace("xsi", SoapNames.XSI);
          s.w.writeNamespace(SoapNames.SF_PREFIX, sfNamespace);
        });
    return s;
  }

  /** Starts {@code soapenv:Header}, {@code soapenv:Body} or {@code soapenv:Fault}. */
  SoapWriter startEnvelopePart(String local) {
    run(() -> w.writeStartElement(SoapNames.ENVELOPE_PREFIX, local, SoapNames.ENVELOPE));
    return this;
  }

  /** Starts an unprefixed element. */
  SoapWriter start(String local) {
    run(() -> w.writeStartElement(local));
    return this;
  }

  /** Starts an {@code sf:} element. */
  SoapWriter startSf(String local) {
    run(() -> w.writeStartElement(SoapNames.SF_PREFIX, local, sfNamespace));
    return this;
  }

  /** Adds {@code xsi:type} to the element just started. */
  SoapWriter xsiType(String type) {
    run(() -> w.writeAttribute("xsi", SoapNames.XSI, "type", type));
    return this;
  }

  SoapWriter end() {
    run(w::writeEndElement);
    return this;
  }

  /** {@code <local>text</local>}, or {@code <local xsi:nil="true"/>} for null. */
  SoapWriter element(String local, Object value) {
    if (value == null) {
      run(() -> w.writeEmptyElement(local));
      return nil();
    }
    start(local);
    text(value);
    return end();
  }

  /** {@code <sf:local>text</sf:local>}, or {@code <sf:local xsi:nil="true"/>} for null. */
  SoapWriter sfElement(String local, Object value) {
    if (value == null) {
      run(() -> w.writeEmptyElement(SoapNames.SF_PREFIX, local, sfNamespace));
      return nil();
    }
    startSf(local);
    text(value);
    return end();
  }

  private SoapWriter nil() {
    run(() -> w.writeAttribute("xsi", SoapNames.XSI, "nil", "true"));
    return this;
  }

  private void text(Object value) {
    String text = xmlSafe(value.toString());
    run(() -> w.writeCharacters(text));
  }

  /** Ends the document and flushes; the caller closes the stream. */
  void finishDocument() {
    run(
        () -> {
          w.writeEndDocument();
          w.flush();
        });
  }

  OutputStream stream() {
    return out;
  }

  /** Drops characters XML 1.0 cannot carry, so a stray control character cannot break a page. */
  static String xmlSafe(String s) {
    if (s.chars().allMatch(SoapWriter::allowed)) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    s.chars().filter(SoapWriter::allowed).forEach(c -> b.append((char) c));
    return b.toString();
  }

  private static boolean allowed(int c) {
    return c >= 0x20 && c != 0xFFFE && c != 0xFFFF || c == '\t' || c == '\n' || c == '\r';
  }

  private interface XmlStep {
    void run() throws XMLStreamException;
  }

  private void run(XmlStep step) {
    try {
      step.run();
    } catch (XMLStreamException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      throw new UncheckedIOException(new IOException("failed to write the response", e));
    }
  }
}
