package io.orgvault.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A Bloom filter over the Ids of one segment, so that a point lookup skips segments that cannot
 * hold the Id without reading a block. Sized for {@link #FALSE_POSITIVE_RATE}: about 9.6 bits and 7
 * probes per Id. Probe i sets bit {@code (h1 + i*h2) mod m}, where h1 and h2 are the first and
 * second big-endian 64-bit words of SHA-256(Id as ASCII) (Kirsch-Mitzenmacher double hashing). Ids
 * are not secret inside the sealed footer, so an unkeyed hash is enough.
 */
final class IdFilter {
  /** Target false-positive rate: one lookup in a hundred reads a block in vain. */
  static final double FALSE_POSITIVE_RATE = 0.01;

  static final int MAX_PROBES = 30;

  private final long[] words;
  private final long bits;
  private final int probes;

  private IdFilter(long bits, int probes, long[] words) {
    this.bits = bits;
    this.probes = probes;
    this.words = words;
  }

  /** An empty filter sized for {@code expectedIds} at {@link #FALSE_POSITIVE_RATE}. */
  static IdFilter forCount(long expectedIds) {
    long n = Math.max(1, expectedIds);
    double ln2 = Math.log(2);
    long m = (long) Math.ceil(-n * Math.log(FALSE_POSITIVE_RATE) / (ln2 * ln2));
    m = Math.max(64, m);
    int k = (int) Math.max(1, Math.min(MAX_PROBES, Math.round((double) m / n * ln2)));
    return new IdFilter(m, k, new long[(int) ((m + 63) / 64)]);
  }

  static IdFilter of(long bits, int probes, byte[] bytes) {
    long[] words = new long[(int) ((bits + 63) / 64)];
    for (int i = 0; i < bytes.length; i++) {
      words[i / 8] |= (bytes[i] & 0xFFL) << (8 * (i % 8));
    }
    return new IdFilter(bits, probes, words);
  }

  long bits() {
    return bits;
  }

  int probes() {
    return probes;
  }

  /** Bit j of the filter is bit (j mod 8) of byte (j / 8): little-endian bit order. */
  byte[] toBytes() {
    byte[] out = new byte[(int) ((bits + 7) / 8)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (words[i / 8] >>> (8 * (i % 8)));
    }
    return out;
  }

  void add(String id) {
    long[] h = hash(id);
    for (int i = 0; i < probes; i++) {
      long bit = Math.floorMod(h[0] + i * h[1], bits);
      words[(int) (bit >>> 6)] |= 1L << (bit & 63);
    }
  }

  boolean mightContain(String id) {
    long[] h = hash(id);
    for (int i = 0; i < probes; i++) {
      long bit = Math.floorMod(h[0] + i * h[1], bits);
      if ((words[(int) (bit >>> 6)] & (1L << (bit & 63))) == 0) {
        return false;
      }
    }
    return true;
  }

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
          });

  private static long[] hash(String id) {
    byte[] d = SHA256.get().digest(id.getBytes(StandardCharsets.US_ASCII));
    long h1 = 0;
    long h2 = 0;
    for (int i = 0; i < 8; i++) {
      h1 = (h1 << 8) | (d[i] & 0xFF);
      h2 = (h2 << 8) | (d[8 + i] & 0xFF);
    }
    return new long[] {h1, h2};
  }
}
