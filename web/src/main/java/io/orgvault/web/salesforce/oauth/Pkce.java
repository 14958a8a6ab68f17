package io.orgvault.web.salesforce.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636 PKCE with S256: a 43-character verifier and its SHA-256 challenge. */
public final class Pkce {
  static final int VERIFIER_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Pkce() {}

  public static String verifier() {
    byte[] b = new byte[VERIFIER_BYTES];
    RANDOM.nextBytes(b);
    return B64.encodeToString(b);
  }

  public static String challenge(String verifier) {
    try {
      return B64.encodeToString(
          MessageDigest.getInstance("SHA-256")
              .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
