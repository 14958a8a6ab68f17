package io.orgvault.engine.salesforce;

/**
 * A write failed in a way that leaves open whether Salesforce carried it out: the request may have
 * reached the server (an HTTP 5xx other than an outage refused up front, a connection broken after
 * sending, a cut-off or unreadable response). It is not repeated, since a repeated insert could
 * duplicate records; the caller must find out what was written (e.g. query by external Id or by the
 * values it sent) before writing again.
 */
public class WriteOutcomeUnknownException extends SalesforceException {
  public WriteOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
