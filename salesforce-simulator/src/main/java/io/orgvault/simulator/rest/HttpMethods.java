package io.orgvault.simulator.rest;

import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;

/** Refuses a method a resource does not support, as Salesforce does: 405 with an Allow header. */
final class HttpMethods {
  private HttpMethods() {}

  static void require(Request request, String... allowed) {
    for (String m : allowed) {
      if (m.equals(request.method())) {
        return;
      }
    }
    String list = String.join(",", allowed);
    request.exchange().getResponseHeaders().set("Allow", list);
    throw new ApiException(
        405,
        "METHOD_NOT_ALLOWED",
        "HTTP Method '" + request.method() + "' not allowed. Allowed are " + list);
  }
}
