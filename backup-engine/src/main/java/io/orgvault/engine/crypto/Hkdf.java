package io.orgvault.engine.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) over the JDK's standard {@code HmacSHA256}: extract, expand, and both in
 * one call. The construction is the RFC's, not ours; only the wiring is here.
 */
public final class Hkdf {
  public static final int HASH_BYTES = 32;
  private static final String HMAC = "HmacSHA256";

  private Hkdf() {}

  /** HKDF-Extract: PRK = HMAC-Hash(salt, IKM); an empty salt means HashLen zero bytes. */
  public static byte[] extract(byte[] salt, byte[] ikm) {
    byte[] s = (salt == null || salt.length == 0) ? new byte[HASH_BYTES] : salt;
    Mac mac = hmac(s);
    return mac.doFinal(ikm);
  }

  /** HKDF-Expand: T(i) = HMAC(PRK, T(i-1) | info | i), output the first {@code length} bytes. */
  public static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 0 || length > 255 * HASH_BYTES) {
      throw new IllegalArgumentException("HKDF output length out of range: " + length);
    }
    Mac mac = hmac(prk);
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    int done = 0;
    for (int i = 1; done < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      byte[] next = mac.doFinal();
      Arrays.fill(t, (byte) 0);
      t = next;
      int n = Math.min(t.length, length - done);
      System.arraycopy(t, 0, out, done, n);
      done += n;
    }
    Arrays.fill(t, (byte) 0);
    return out;
  }

  /** Extract then expand; the intermediate PRK is zeroed. */
  public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
    byte[] prk = extract(salt, ikm);
    try {
      return expand(prk, info, length);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("unusable HMAC key (" + key.length + " bytes)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + HMAC, e);
    }
  }
}
