package io.orgvault.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * The secrets of a backup run, read as one JSON object from standard input, never from the command
 * line or the environment: {@code {"refreshToken": ..., "consumerSecret": ...}} for the refresh
 * token grant, or {@code {"accessToken": ...}} for a session handed in by the caller.
 */
record StdinSecrets(String refreshToken, String consumerSecret, String accessToken) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static StdinSecrets read(InputStream in) {
    JsonNode n;
    try {
      n = JSON.readTree(in);
    } catch (IOException e) {
      // Jackson quotes the input in its messages: never chain or repeat it.
      throw new IllegalArgumentException("standard input is not a JSON object of secrets");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("standard input is not a JSON object of secrets");
    }
    StdinSecrets s =
        new StdinSecrets(
            text(n, "refreshToken"), text(n, "consumerSecret"), text(n, "accessToken"));
    if (s.accessToken == null && (s.refreshToken == null || s.consumerSecret == null)) {
      throw new IllegalArgumentException(
          "standard input needs refreshToken and consumerSecret, or accessToken");
    }
    return s;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  @Override
  public String toString() {
    return "StdinSecrets[redacted]";
  }
}
