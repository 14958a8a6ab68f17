package io.orgvault.web.salesforce.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code state} of an authorization: 32 random bytes that come back on the callback and are the
 * only thing that ties it to the tenant that started the flow. Stored as a hash only.
 */
public record OAuthState(String value) {
  static final int BYTES = 32;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public static OAuthState generate() {
    byte[] b = new byte[BYTES];
    RANDOM.nextBytes(b);
    return new OAuthState(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
  }

  /** The state a callback presents, if it has the shape of one of ours. */
  public static Optional<OAuthState> parse(String text) {
    return text != null && SHAPE.matcher(text).matches()
        ? Optional.of(new OAuthState(text))
        : Optional.empty();
  }

  public byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "OAuthState[…]";
  }
}
