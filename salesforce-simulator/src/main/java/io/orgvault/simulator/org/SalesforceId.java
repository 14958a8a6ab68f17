package io.orgvault.simulator.org;

/**
 * Salesforce record Ids: a 3-character key prefix, a 2-character instance code, a reserved
 * character and a 9-character base-62 number make the case-sensitive 15-character Id; three
 * checksum characters make it case-safe (18 characters).
 */
public final class SalesforceId {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  private static final String INSTANCE = "8d";
  private static final int NUMBER_LENGTH = 9;
  private static final int CHUNK = 5;

  private SalesforceId() {}

  /** The 18-character Id of record number {@code seq} of the object with this key prefix. */
  public static String of(String keyPrefix, long seq) {
    char[] id = new char[15];
    keyPrefix.getChars(0, 3, id, 0);
    INSTANCE.getChars(0, 2, id, 3);
    id[5] = '0';
    long n = seq;
    for (int i = 14; i >= 15 - NUMBER_LENGTH; i--) {
      id[i] = BASE62.charAt((int) (n % 62));
      n /= 62;
    }
    return to18(new String(id));
  }

  /** Adds the case-safe checksum suffix to a 15-character Id. */
  public static String to18(String id15) {
    if (id15.length() != 15) {
      throw new IllegalArgumentException("not a 15-character Id");
    }
    StringBuilder sb = new StringBuilder(18).append(id15);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < CHUNK; i++) {
        char c = id15.charAt(chunk * CHUNK + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      sb.append(CHECKSUM_ALPHABET.charAt(bits));
    }
    return sb.toString();
  }

  /**
   * Normalises a 15- or 18-character Id to 18 characters; returns null when it is not a well-formed
   * Id (wrong length, characters outside base 62, or a wrong checksum).
   */
  public static String normalize(String id) {
    if (id == null) {
      return null;
    }
    if (id.length() == 15) {
      return isBase62(id) ? to18(id) : null;
    }
    if (id.length() == 18) {
      String fixed = to18(id.substring(0, 15));
      // The suffix is case-insensitive: it exists to survive case-folding systems.
      return isBase62(id.substring(0, 15)) && fixed.equalsIgnoreCase(id) ? fixed : null;
    }
    return null;
  }

  /** The record number encoded in an Id, or -1 when the Id is malformed. */
  public static long sequence(String id) {
    String n = normalize(id);
    if (n == null) {
      return -1;
    }
    long v = 0;
    for (int i = 15 - NUMBER_LENGTH; i < 15; i++) {
      v = v * 62 + BASE62.indexOf(n.charAt(i));
    }
    return v;
  }

  public static String keyPrefix(String id) {
    return id == null || id.length() < 3 ? "" : id.substring(0, 3);
  }

  private static boolean isBase62(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (BASE62.indexOf(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }
}
