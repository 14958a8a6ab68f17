package io.orgvault.simulator.soap;

/** The XML namespaces of the SOAP partner API and the prefixes responses bind them to. */
final class SoapNames {
  static final String ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String PARTNER = "urn:partner.soap.sforce.com";
  static final String SOBJECT = "urn:sobject.partner.soap.sforce.com";
  static final String FAULT = "urn:fault.partner.soap.sforce.com";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String XSD = "http://www.w3.org/2001/XMLSchema";

  static final String ENVELOPE_PREFIX = "soapenv";

  /** Bound to {@link #SOBJECT} in results and to {@link #FAULT} in faults, as Salesforce does. */
  static final String SF_PREFIX = "sf";

  static final String CONTENT_TYPE = "text/xml;charset=UTF-8";

  private SoapNames() {}
}
