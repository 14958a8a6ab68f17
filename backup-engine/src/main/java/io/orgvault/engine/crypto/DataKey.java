package io.orgvault.engine.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.security.auth.Destroyable;

/**
 * A tenant's data key (DEK) and the subkeys derived from it with HKDF-SHA256. It lives in memory
 * only; on disk it exists wrapped by the KEK. {@link #destroy()} zeroes every array this class
 * holds (copies the JDK makes inside {@code SecretKeySpec} are beyond reach and left to the GC).
 *
 * <p>Derivation: {@code PRK = HKDF-Extract(salt = "orgvault/v1/data-key", IKM = DEK)}, then one
 * {@code HKDF-Expand(PRK, info, 32)} per purpose with the {@code INFO_*} labels below.
 */
public final class DataKey implements Destroyable, AutoCloseable {
  public static final int KEY_BYTES = 32;
  static final String SALT = "orgvault/v1/data-key";
  static final String INFO_SEGMENT = "orgvault/v1/segment-encryption";
  static final String INFO_BLOB = "orgvault/v1/blob-encryption";
  static final String INFO_BLOB_ID = "orgvault/v1/blob-id";
  static final String INFO_MANIFEST_MAC = "orgvault/v1/manifest-mac";
  static final String INFO_SEGMENT_BLOCK = "orgvault/v1/segment-block-key";
  static final String INFO_CHUNK = "orgvault/v1/chunk-key";
  static final String INFO_PENDING = "orgvault/v1/pending-state";
  static final String INFO_PENDING_FILE = "orgvault/v1/pending-state-file-key";
  static final String INFO_CHANGE_DIGEST = "orgvault/v1/change-digest";

  private final byte[] dek;
  private final byte[] segmentKey;
  private final byte[] blobKey;
  private final byte[] blobIdKey;
  private final byte[] manifestMacKey;
  private final byte[] pendingKey;
  private final byte[] changeDigestKey;
  private volatile boolean destroyed;

  private DataKey(byte[] dek) {
    if (dek.length != KEY_BYTES) {
      throw new IllegalArgumentException("a data key is 32 bytes");
    }
    this.dek = dek;
    byte[] prk = Hkdf.extract(ascii(SALT), dek);
    try {
      segmentKey = Hkdf.expand(prk, ascii(INFO_SEGMENT), KEY_BYTES);
      blobKey = Hkdf.expand(prk, ascii(INFO_BLOB), KEY_BYTES);
      blobIdKey = Hkdf.expand(prk, ascii(INFO_BLOB_ID), KEY_BYTES);
      manifestMacKey = Hkdf.expand(prk, ascii(INFO_MANIFEST_MAC), KEY_BYTES);
      pendingKey = Hkdf.expand(prk, ascii(INFO_PENDING), KEY_BYTES);
      changeDigestKey = Hkdf.expand(prk, ascii(INFO_CHANGE_DIGEST), KEY_BYTES);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  /** A fresh data key from SecureRandom. */
  public static DataKey generate(SecureRandom random) {
    byte[] k = new byte[KEY_BYTES];
    random.nextBytes(k);
    return new DataKey(k);
  }

  /** Takes ownership of {@code material}: the caller must not reuse the array. */
  public static DataKey fromMaterial(byte[] material) {
    return new DataKey(material);
  }

  /** A copy of the raw key, for wrapping only; the caller zeroes it after use. */
  public byte[] material() {
    live();
    return dek.clone();
  }

  /** The AES key for the blocks and footer of one segment: HKDF(salt = segment id). */
  public byte[] segmentBlockKey(byte[] segmentId) {
    live();
    return Hkdf.derive(segmentId, segmentKey, ascii(INFO_SEGMENT_BLOCK), KEY_BYTES);
  }

  /** The AES key for one blob chunk: HKDF(salt = chunk id). */
  public byte[] chunkKey(byte[] chunkId) {
    live();
    return Hkdf.derive(chunkId, blobKey, ascii(INFO_CHUNK), KEY_BYTES);
  }

  /** A keyed HMAC-SHA256 for chunk ids and whole-body hashes: equal content, equal id. */
  public Mac blobIdMac() {
    live();
    return Hkdf.hmac(blobIdKey);
  }

  /**
   * The AES key for one write of a pending backup's state: HKDF(salt = the write's random salt), so
   * every write has a key of its own.
   */
  public byte[] pendingStateKey(byte[] salt) {
    live();
    return Hkdf.derive(salt, pendingKey, ascii(INFO_PENDING_FILE), KEY_BYTES);
  }

  /**
   * A keyed HMAC-SHA256 for the value digests of segment change indexes: equal compared values,
   * equal digest, within one tenant only.
   */
  public Mac changeDigestMac() {
    live();
    return Hkdf.hmac(changeDigestKey);
  }

  /** A keyed HMAC-SHA256 for manifests. */
  public Mac manifestMac() {
    live();
    return Hkdf.hmac(manifestMacKey);
  }

  private void live() {
    if (destroyed) {
      throw new IllegalStateException("data key already destroyed");
    }
  }

  @Override
  public void destroy() {
    destroyed = true;
    for (byte[] b :
        new byte[][] {
          dek, segmentKey, blobKey, blobIdKey, manifestMacKey, pendingKey, changeDigestKey
        }) {
      Arrays.fill(b, (byte) 0);
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "DataKey[redacted]";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
