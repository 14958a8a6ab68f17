package io.orgvault.simulator.oauth;

import io.orgvault.simulator.http.Request;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an OAuth request: the query string and, for a POST, the form-encoded body
 * (whose values win). Salesforce accepts token parameters in either place.
 */
final class OAuthParams {
  /** Form bodies of the OAuth endpoints are small; a larger one is refused. */
  static final int MAX_FORM_BYTES = 64 * 1024;

  private OAuthParams() {}

  /** Reads the parameters; the body can be read once, so call this once per request. */
  static Map<String, String> of(Request req) throws IOException {
    Map<String, String> m = new LinkedHashMap<>(req.query());
    if ("POST".equalsIgnoreCase(req.method())) {
      byte[] body = req.body().readNBytes(MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) {
        throw OAuthErrors.of("invalid_request", "request body too large");
      }
      m.putAll(Request.parseQuery(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
    }
    return m;
  }
}
