package io.orgvault.simulator.org;

import java.util.List;

/**
 * A DML or lookup failure with Salesforce's status code ({@code REQUIRED_FIELD_MISSING}, {@code
 * ENTITY_IS_DELETED}, ...) and the fields it concerns, as the APIs report it.
 */
public final class DmlException extends RuntimeException {
  private final String statusCode;
  private final List<String> fields;

  public DmlException(String statusCode, String message, List<String> fields) {
    super(message, null, false, false);
    this.statusCode = statusCode;
    this.fields = List.copyOf(fields);
  }

  public DmlException(String statusCode, String message) {
    this(statusCode, message, List.of());
  }

  public String statusCode() {
    return statusCode;
  }

  public List<String> fields() {
    return fields;
  }
}
