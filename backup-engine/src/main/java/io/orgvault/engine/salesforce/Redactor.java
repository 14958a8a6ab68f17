package io.orgvault.engine.salesforce;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets one client holds (consumer secret, refresh token, every access token it was issued),
 * so that text a server sent back can be cleaned of them before it goes into an exception message.
 */
final class Redactor {
  static final String MASK = "(hidden)";

  /** Shorter strings are not treated as secrets: masking them would garble ordinary text. */
  private static final int MIN_SECRET_LENGTH = 8;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  void add(String secret) {
    if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
      secrets.add(secret);
    }
  }

  /** {@code text} with every known secret masked; null stays null. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }

  /** Like {@link #redact} and at most {@code max} characters long, for server text in messages. */
  String redact(String text, int max) {
    String r = redact(text);
    if (r == null || r.length() <= max) {
      return r;
    }
    return r.substring(0, max) + "...";
  }
}
