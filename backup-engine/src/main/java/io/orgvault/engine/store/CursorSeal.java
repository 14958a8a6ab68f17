package io.orgvault.engine.store;

import io.orgvault.engine.crypto.AesGcm;
import io.orgvault.engine.crypto.Hkdf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;

/**
 * Seals the opaque paging cursors the read API hands out (compare, browse), so that a cursor is
 * readable and valid only for the tenant whose data key sealed it and for the purpose it was made
 * for. A caller can neither read the Id inside a cursor nor forge one that points elsewhere.
 *
 * <p>Token = base64url(no padding) of {@code u8 version ‖ 12-byte random nonce ‖ AES-256-GCM(K_cur,
 * nonce, aad = "orgvault/v1/cursor/" ‖ purpose ‖ version, payload)}, with {@code K_cur = HKDF(salt
 * = "orgvault/v1/cursor", IKM = DEK, info = "orgvault/v1/cursor-seal")}.
 */
public final class CursorSeal {
  public static final int VERSION = 1;

  /** A cursor is a few hundred bytes; anything longer is not one of ours. */
  public static final int MAX_TOKEN_CHARS = 4096;

  private static final String SALT = "orgvault/v1/cursor";
  private static final String INFO = "orgvault/v1/cursor-seal";
  private static final String AAD_PREFIX = "orgvault/v1/cursor/";

  private final RecordStore store;
  private final String purpose;

  private CursorSeal(RecordStore store, String purpose) {
    this.store = store;
    this.purpose = purpose;
  }

  /** A seal for one kind of cursor, e.g. {@code compare} or {@code browse}. */
  public static CursorSeal of(RecordStore store, String purpose) {
    return new CursorSeal(store, purpose);
  }

  public String seal(byte[] payload) {
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    store.random().nextBytes(nonce);
    byte[] key = key();
    try {
      byte[] sealed = AesGcm.seal(key, nonce, aad(), payload);
      ByteBuffer b = ByteBuffer.allocate(1 + nonce.length + sealed.length);
      b.put((byte) VERSION).put(nonce).put(sealed);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * The payload of a token this store sealed for this purpose.
   *
   * @throws InvalidCursorException for anything else: malformed, another tenant's, another
   *     purpose's, altered
   */
  public byte[] open(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidCursorException("not a cursor of this store");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("not a cursor of this store");
    }
    if (raw.length < 1 + AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
      throw new InvalidCursorException("not a cursor of this store");
    }
    if (raw[0] != VERSION) {
      throw new InvalidCursorException("unknown cursor version " + (raw[0] & 0xff));
    }
    byte[] nonce = Arrays.copyOfRange(raw, 1, 1 + AesGcm.NONCE_BYTES);
    byte[] key = key();
    try {
      return AesGcm.open(
          key, nonce, aad(), raw, 1 + AesGcm.NONCE_BYTES, raw.length - 1 - AesGcm.NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new InvalidCursorException("not a cursor of this store");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private byte[] aad() {
    return (AAD_PREFIX + purpose + "/" + VERSION).getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] key() {
    byte[] dek = store.key().material();
    try {
      return Hkdf.derive(
          SALT.getBytes(StandardCharsets.US_ASCII),
          dek,
          INFO.getBytes(StandardCharsets.US_ASCII),
          AesGcm.KEY_BYTES);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }
}
