package io.orgvault.simulator.soql;

/**
 * A query Salesforce would refuse, with its error code: {@code MALFORMED_QUERY} (syntax), {@code
 * INVALID_FIELD} (unknown field or relationship), {@code INVALID_TYPE} (unknown or unqueryable
 * sObject), {@code INVALID_QUERY_FILTER_OPERATOR} (operator that does not fit the field's type, or
 * a malformed Id literal), {@code NUMBER_OUTSIDE_VALID_RANGE} (OFFSET above 2,000). Messages follow
 * Salesforce's shape: the query line, a caret, {@code ERROR at Row:r:Column:c}, then the reason.
 * REST answers these with HTTP 400 and the JSON error array; SOAP with a fault.
 */
public final class SoqlException extends RuntimeException {
  private final String errorCode;

  public SoqlException(String errorCode, String message) {
    super(message, null, false, false);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
