package io.orgvault.engine.salesforce;

/**
 * Salesforce answered with an error that retrying will not fix (for example 400 {@code
 * INVALID_FIELD}, 404 {@code NOT_FOUND}, a failed Bulk job or a SOAP fault).
 */
public class SalesforceApiException extends SalesforceException {
  private final int status;
  private final String errorCode;
  private final String serverMessage;
  private final java.util.List<String> fields;

  /**
   * @param status the HTTP status, or 0 when there is none (SOAP faults, Bulk job states)
   * @param errorCode Salesforce's error code, e.g. {@code INVALID_FIELD}; never null
   */
  public SalesforceApiException(int status, String errorCode, String message) {
    this(status, errorCode, message, null, java.util.List.of());
  }

  /**
   * @param serverMessage Salesforce's own error text (secrets redacted), or null
   * @param fields the fields Salesforce named in the error
   */
  public SalesforceApiException(
      int status,
      String errorCode,
      String message,
      String serverMessage,
      java.util.List<String> fields) {
    super(message);
    this.status = status;
    this.errorCode = errorCode == null ? "UNKNOWN" : errorCode;
    this.serverMessage = serverMessage == null ? "" : serverMessage;
    this.fields = java.util.List.copyOf(fields);
  }

  /** Salesforce's own error text, without this client's context; empty when there was none. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The fields the error names (DML errors of single-record writes); often empty. */
  public java.util.List<String> fields() {
    return fields;
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
