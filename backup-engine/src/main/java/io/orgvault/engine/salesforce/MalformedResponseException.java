package io.orgvault.engine.salesforce;

/**
 * A response that is not what the API promises: cut off part-way, not valid JSON or CSV, missing a
 * member the API always sends, or holding a value that does not fit the field's type. The message
 * names the endpoint. Where a retry is safe (a GET of a page or a result locator) the client
 * retries before giving up with this exception.
 */
public class MalformedResponseException extends SalesforceException {
  private final String endpoint;

  public MalformedResponseException(String endpoint, String problem) {
    super(problem + " (" + endpoint + ")");
    this.endpoint = endpoint;
  }

  public MalformedResponseException(String endpoint, String problem, Throwable cause) {
    super(problem + " (" + endpoint + ")", cause);
    this.endpoint = endpoint;
  }

  /** The method and path of the call, e.g. {@code GET /services/data/v65.0/query}. */
  public String endpoint() {
    return endpoint;
  }
}
