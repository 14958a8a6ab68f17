package io.orgvault.engine.salesforce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * Sessions from the OAuth 2.0 refresh token grant: {@code POST <loginUrl>/services/oauth2/token}
 * with {@code grant_type=refresh_token}, the consumer key and secret and the refresh token. The
 * response's {@code signature} (HMAC-SHA256 of {@code id + issued_at} keyed by the consumer secret)
 * is checked when present. Transient failures are retried; a refused grant is an {@link
 * AuthenticationException}. Token responses are never quoted in messages.
 */
final class RefreshTokenSource implements TokenSource {
  private static final int MAX_TOKEN_RESPONSE = 64 * 1024;

  private final SalesforceCredentials credentials;
  private final HttpClient http;
  private final ClientOptions options;
  private final Redactor redactor;
  private AccessToken current;
  private int refreshes;

  RefreshTokenSource(
      SalesforceCredentials credentials, SSLContext tls, ClientOptions options, Redactor redactor) {
    this.credentials = credentials;
    this.http = HttpTransport.newHttpClient(tls, options);
    this.options = options;
    this.redactor = redactor;
    redactor.add(credentials.consumerSecret());
    redactor.add(credentials.refreshToken());
  }

  Redactor redactor() {
    return redactor;
  }

  @Override
  public synchronized AccessToken current() {
    if (current == null) {
      current = grant();
    }
    return current;
  }

  @Override
  public synchronized AccessToken refresh(AccessToken rejected) {
    if (current != null && current != rejected) {
      return current; // another caller renewed it already
    }
    current = grant();
    refreshes++;
    return current;
  }

  @Override
  public synchronized int refreshes() {
    return refreshes;
  }

  private AccessToken grant() {
    URI endpoint =
        URI.create(stripSlash(credentials.loginUrl().toString()) + "/services/oauth2/token");
    String form =
        form(
            Map.of(
                "grant_type", "refresh_token",
                "client_id", credentials.consumerKey(),
                "client_secret", credentials.consumerSecret(),
                "refresh_token", credentials.refreshToken(),
                "format", "json"));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    String where = "POST " + endpoint.getHost() + "/services/oauth2/token";
    RetryPolicy policy = options.retryPolicy();
    String lastProblem = null;
    Throwable lastCause = null;
    for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
      if (attempt > 1) {
        sleep(policy.delay(attempt - 1, options.random()));
      }
      HttpResponse<InputStream> response;
      try {
        response =
            http.send(
                request,
                InactivityGuardedBody.handler(
                    "POST /services/oauth2/token", options.bodyReadTimeout()));
      } catch (IOException e) {
        javax.net.ssl.SSLException tls = UntrustedServerException.tlsFailure(e);
        if (tls != null) {
          throw UntrustedServerException.of(endpoint.getHost(), tls);
        }
        lastProblem = "the connection failed: " + HttpTransport.describe(e);
        lastCause = e;
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AuthenticationException("interrupted while obtaining a Salesforce session");
      }
      byte[] body;
      try (InputStream in = HttpTransport.decode(response.headers(), response.body())) {
        body = in.readNBytes(MAX_TOKEN_RESPONSE);
      } catch (IOException e) {
        // Not chained: the partial body may hold a token.
        lastProblem = "the token response broke off";
        lastCause = null;
        continue;
      }
      int status = response.statusCode();
      if (status == 200) {
        AccessToken token = parse(body, where);
        if (token != null) {
          return token;
        }
        lastProblem = "the token response was malformed";
        lastCause = null;
        continue;
      }
      HttpTransport.ApiError error = HttpTransport.ApiError.read(body);
      if (status >= 500 || status == 429 || (error == null && status != 401)) {
        lastProblem = "HTTP " + status;
        lastCause = null;
        continue;
      }
      String code = error == null ? "HTTP " + status : error.errorCode();
      String description =
          error == null ? "" : redactor.redact(error.message(), HttpTransport.MAX_MESSAGE_TEXT);
      throw new AuthenticationException(
          "Salesforce refused the refresh token grant for consumer key "
              + credentials.consumerKey()
              + " at "
              + where
              + ": "
              + code
              + (description.isEmpty() ? "" : " (" + description + ")")
              + ". The refresh token was revoked or has expired, or the connected app's"
              + " credentials are wrong: an org admin must authorize OrgVault again.");
    }
    throw new ServiceUnavailableException(
        "Could not obtain a Salesforce session at "
            + where
            + " after "
            + policy.maxAttempts()
            + " attempts; the last failure: "
            + lastProblem,
        policy.maxAttempts(),
        lastCause);
  }

  /** The session in a token response, or null when the response is not a usable one. */
  private AccessToken parse(byte[] body, String where) {
    Map<String, String> fields = new HashMap<>();
    try (JsonParser p = HttpTransport.JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_STRING) {
          fields.put(name, p.getText());
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
    } catch (IOException e) {
      return null; // not chained: the parser's message may quote the token
    }
    String accessToken = fields.get("access_token");
    String instance = fields.get("instance_url");
    if (accessToken == null || accessToken.isBlank() || instance == null) {
      return null;
    }
    redactor.add(accessToken);
    String signature = fields.get("signature");
    String id = fields.get("id");
    String issuedAt = fields.get("issued_at");
    if (signature != null) {
      if (id == null || issuedAt == null || !signatureMatches(id + issuedAt, signature)) {
        throw new AuthenticationException(
            "The token response from "
                + where
                + " carries a signature that does not match the consumer secret; refusing the"
                + " session");
      }
    }
    URI instanceUrl;
    try {
      instanceUrl = URI.create(instance);
      return new AccessToken(accessToken, instanceUrl, issuedAt(issuedAt));
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException(
          "The token response from " + where + " names an instance that is not an HTTPS URL");
    }
  }

  private boolean signatureMatches(String signed, String signature) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              credentials.consumerSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
      byte[] given;
      try {
        given = Base64.getDecoder().decode(signature);
      } catch (IllegalArgumentException e) {
        return false;
      }
      return MessageDigest.isEqual(expected, given);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static Instant issuedAt(String millis) {
    if (millis == null) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(millis));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private void sleep(java.time.Duration d) {
    try {
      options.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuthenticationException("interrupted while obtaining a Salesforce session");
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String form(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append('&');
          }
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }

  @Override
  public String toString() {
    return "RefreshTokenSource[" + credentials + "]";
  }
}
