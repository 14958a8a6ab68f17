package io.orgvault.simulator.oauth;

import io.orgvault.simulator.http.ApiException;
import io.orgvault.simulator.http.Request;
import io.orgvault.simulator.http.Responses;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Responses of the token and revoke endpoints: JSON by default, or form-encoded when the client
 * asks with {@code format=urlencoded} or {@code Accept: application/x-www-form-urlencoded}, as
 * Salesforce allows. Token responses are never cached.
 */
final class OAuthResponses {
  private static final String FORM_TYPE = "application/x-www-form-urlencoded;charset=UTF-8";

  private OAuthResponses() {}

  /**
   * Writes a response.
   *
   * @param params the request's parameters, for {@code format}; null when they could not be read
   */
  static void write(Request req, Map<String, String> params, int status, Map<String, String> body)
      throws IOException {
    var headers = req.exchange().getResponseHeaders();
    headers.set("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    headers.set("Pragma", "no-cache");
    if (wantsForm(req, params)) {
      StringJoiner j = new StringJoiner("&");
      body.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
      Responses.text(req.exchange(), status, FORM_TYPE, j.toString());
    } else {
      Responses.json(req.exchange(), status, body);
    }
  }

  /** The OAuth error shape: {@code {"error": ..., "error_description": ...}}. */
  static void error(Request req, Map<String, String> params, ApiException e) throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    boolean serverFault = e.status() >= 500;
    body.put("error", serverFault ? "server_error" : e.errorCode());
    body.put("error_description", e.getMessage());
    write(req, params, e.status(), body);
  }

  /**
   * The {@code signature} of a token response: Base64 of the HMAC-SHA256 of {@code id + issued_at},
   * keyed by the consumer secret, so a client can check the response came from the server that
   * knows its secret.
   */
  static String signature(String identityUrl, String issuedAt, String consumerSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(consumerSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sig = mac.doFinal((identityUrl + issuedAt).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is always available", e);
    }
  }

  private static boolean wantsForm(Request req, Map<String, String> params) {
    String format = (params != null ? params : req.query()).get("format");
    if (format != null) {
      return format.equalsIgnoreCase("urlencoded");
    }
    String accept = req.header("Accept");
    return accept != null && accept.toLowerCase().startsWith("application/x-www-form-urlencoded");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
