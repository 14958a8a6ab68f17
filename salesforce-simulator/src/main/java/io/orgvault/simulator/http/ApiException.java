package io.orgvault.simulator.http;

import java.util.List;

/**
 * An error a handler reports to the client in Salesforce's REST shape: an HTTP status and a JSON
 * array body {@code [{"message":..,"errorCode":..,"fields":[..]}]}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String errorCode;
  private final List<String> fields;

  public ApiException(int status, String errorCode, String message, List<String> fields) {
    super(message, null, false, false);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields == null ? null : List.copyOf(fields);
  }

  public ApiException(int status, String errorCode, String message) {
    this(status, errorCode, message, null);
  }

  public int status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  /** The fields the error concerns, or null when the error body has no {@code fields}. */
  public List<String> fields() {
    return fields;
  }

  public static ApiException invalidSession() {
    return new ApiException(401, "INVALID_SESSION_ID", "Session expired or invalid");
  }

  public static ApiException notFound() {
    return new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
  }

  public static ApiException badRequest(String errorCode, String message) {
    return new ApiException(400, errorCode, message);
  }
}
