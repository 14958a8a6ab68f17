package io.orgvault.simulator.bulk;

import io.orgvault.simulator.http.ApiException;

/** The errors Bulk API 2.0 answers with, in the REST error-array shape. */
final class BulkErrors {
  private BulkErrors() {}

  static ApiException notFound() {
    return new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
  }

  /** A request that does not fit the job's current state (400 INVALIDJOBSTATE). */
  static ApiException invalidJobState(String message) {
    return new ApiException(400, "INVALIDJOBSTATE", message);
  }

  /** A job definition Salesforce refuses (400 INVALIDJOB, message prefixed "InvalidJob : "). */
  static ApiException invalidJob(String message) {
    return new ApiException(400, "INVALIDJOB", "InvalidJob : " + message);
  }

  static ApiException apiError(String message) {
    return new ApiException(400, "API_ERROR", message);
  }

  /** A property with a value outside its enumeration, as Salesforce words it. */
  static ApiException invalidValue(String property, String value) {
    return apiError("Invalid value: '" + value + "' supplied for property: '" + property + "'");
  }

  static ApiException jsonParser(String message) {
    return new ApiException(400, "JSON_PARSER_ERROR", message);
  }
}
