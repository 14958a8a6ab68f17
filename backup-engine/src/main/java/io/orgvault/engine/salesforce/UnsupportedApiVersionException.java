package io.orgvault.engine.salesforce;

/** The org serves no API version this client can speak (none at or below the configured max). */
public class UnsupportedApiVersionException extends SalesforceException {
  public UnsupportedApiVersionException(String message) {
    super(message);
  }
}
