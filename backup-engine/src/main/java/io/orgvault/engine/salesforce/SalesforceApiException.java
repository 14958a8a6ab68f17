package io.orgvault.engine.salesforce;

/**
 * Salesforce answered with an error that retrying will not fix (for example 400 {@code
 * INVALID_FIELD}, 404 {@code NOT_FOUND}, a failed Bulk job or a SOAP fault).
 */
public class SalesforceApiException extends SalesforceException {
  private final int status;
  private final String errorCode;

  /**
   * @param status the HTTP status, or 0 when there is none (SOAP faults, Bulk job states)
   * @param errorCode Salesforce's error code, e.g. {@code INVALID_FIELD}; never null
   */
  public SalesforceApiException(int status, String errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode == null ? "UNKNOWN" : errorCode;
  }

  /** The HTTP status, or 0 when there is none. */
  public int status() {
    return status;
  }

  /** Salesforce's error code, e.g. {@code INVALID_FIELD}. */
  public String errorCode() {
    return errorCode;
  }
}
