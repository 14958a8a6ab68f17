package io.orgvault.simulator.http;

import java.io.IOException;

/** Serves the requests of one route. */
@FunctionalInterface
public interface Handler {
  void handle(Request request) throws IOException;

  /**
   * Writes an error in this API's own shape. REST and Bulk use Salesforce's JSON error array; SOAP
   * overrides this with a SOAP fault, OAuth with its {@code error} object.
   */
  default void writeError(Request request, ApiException e) throws IOException {
    Responses.error(request.exchange(), e);
  }
}
