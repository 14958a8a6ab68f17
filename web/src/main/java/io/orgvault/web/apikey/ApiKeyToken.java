package io.orgvault.web.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of an API key: {@code <kind>_<prefix>_<secret>}, e.g. {@code ovk_3hF9..._Qm...}. The
 * prefix (9 random bytes) finds the row; the secret (32 random bytes) is checked against its
 * SHA-256. A 256-bit random secret needs no slow password hash: guessing it is the attack, and that
 * is 2^256 work whatever the hash costs.
 */
public record ApiKeyToken(String kind, String prefix, String secret) {
  /** A tenant's key. */
  public static final String TENANT_KIND = "ovk";

  /** The platform operator's key. */
  public static final String OPERATOR_KIND = "ovo";

  static final int PREFIX_BYTES = 9;
  static final int SECRET_BYTES = 32;

  private static final Pattern SHAPE =
      Pattern.compile("(ov[ko])_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** A fresh random key of the given kind. */
  public static ApiKeyToken generate(String kind) {
    byte[] prefix = new byte[PREFIX_BYTES];
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(prefix);
    RANDOM.nextBytes(secret);
    // '_' in a prefix would make the text ambiguous to read back; '-' is enough.
    return new ApiKeyToken(
        kind, B64.encodeToString(prefix).replace('_', '-'), B64.encodeToString(secret));
  }

  /** The key in a header's text, or empty if the text is not shaped like one. */
  public static Optional<ApiKeyToken> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var m = SHAPE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new ApiKeyToken(m.group(1), m.group(2), m.group(3)));
  }

  public String text() {
    return kind + "_" + prefix + "_" + secret;
  }

  public byte[] secretHash() {
    return sha256(secret);
  }

  /** Whether this key's secret is the one whose hash was stored, in constant time. */
  public boolean matches(byte[] storedHash) {
    return MessageDigest.isEqual(secretHash(), storedHash);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Never the secret: records and logs print this. */
  @Override
  public String toString() {
    return kind + "_" + prefix + "_…";
  }
}
