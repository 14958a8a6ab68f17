package io.orgvault.simulator.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Proof Key for Code Exchange (RFC 7636) with the S256 method, the one Salesforce supports. */
final class Pkce {
  private Pkce() {}

  /** The S256 challenge of a verifier: base64url (no padding) of its SHA-256. */
  static String challenge(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Whether the verifier matches the challenge, compared in constant time. */
  static boolean matches(String verifier, String challenge) {
    if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
      return false;
    }
    return MessageDigest.isEqual(
        challenge(verifier).getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII));
  }
}
