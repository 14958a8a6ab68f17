package io.orgvault.web.api;

/**
 * A request the service refuses for a reason the caller can fix or must know, answered with {@code
 * status} and an {@link ApiError}. Messages never carry secrets or another tenant's data.
 */
public class ApiProblem extends RuntimeException {
  private final int status;
  private final String code;

  public ApiProblem(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public static ApiProblem badRequest(String code, String message) {
    return new ApiProblem(400, code, message);
  }

  public static ApiProblem notFound(String message) {
    return new ApiProblem(404, "not_found", message);
  }

  public static ApiProblem conflict(String code, String message) {
    return new ApiProblem(409, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
