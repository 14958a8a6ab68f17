package io.orgvault.engine.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK's standard provider, 96-bit nonces, 128-bit tags. Callers own nonce
 * uniqueness; each caller documents its scheme (see docs/store-format.md).
 */
public final class AesGcm {
  public static final int KEY_BYTES = 32;
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private AesGcm() {}

  /** Returns ciphertext followed by the 16-byte tag. */
  public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plain, int off, int len) {
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      c.updateAAD(aad);
      return c.doFinal(plain, off, len);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plain) {
    return seal(key, nonce, aad, plain, 0, plain.length);
  }

  /**
   * Authenticates and decrypts {@code sealed[off, off+len)} (ciphertext + tag).
   *
   * @throws AEADBadTagException if the key, nonce, associated data or any byte is wrong
   */
  public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed, int off, int len)
      throws AEADBadTagException {
    if (len < TAG_BYTES) {
      throw new AEADBadTagException("sealed data shorter than the tag");
    }
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce);
      c.updateAAD(aad);
      return c.doFinal(sealed, off, len);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed)
      throws AEADBadTagException {
    return open(key, nonce, aad, sealed, 0, sealed.length);
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256 needs a 32-byte key");
    }
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("GCM nonce must be 12 bytes");
    }
    Cipher c = Cipher.getInstance(TRANSFORMATION);
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
    return c;
  }
}
