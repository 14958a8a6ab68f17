package io.orgvault.engine.store;

/**
 * An 18-character record Id as numbers, for the change index: its first 15 characters read as two
 * base-62 numbers (digits, then upper case, then lower case: the order of their ASCII codes, so the
 * numbers ascend with the Ids), and its last 3, which in every Salesforce Id are the checksum of
 * the case of the first 15 and so need not be stored.
 */
final class PackedId {
  /** Characters of the first 15 read as the high number; the remaining 10 fit a long. */
  static final int HIGH_CHARS = 5;

  static final int LOW_CHARS = 10;
  static final int CASE_CHECKSUM_CHARS = RecordVersion.ID_LENGTH - HIGH_CHARS - LOW_CHARS;

  /** 62^5 and 62^10: the numbers lie below these. */
  static final long HIGH_LIMIT = pow62(HIGH_CHARS);

  static final long LOW_LIMIT = pow62(LOW_CHARS);

  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  private static final int CHECKSUM_CHUNK = 5;

  private PackedId() {}

  static long high(String id) {
    return number(id, 0, HIGH_CHARS);
  }

  static long low(String id) {
    return number(id, HIGH_CHARS, HIGH_CHARS + LOW_CHARS);
  }

  /** The first 15 characters of the Id whose numbers these are. */
  static String first15(long high, long low) {
    if (high < 0 || high >= HIGH_LIMIT || low < 0 || low >= LOW_LIMIT) {
      throw new IllegalArgumentException("not the numbers of an Id");
    }
    char[] c = new char[HIGH_CHARS + LOW_CHARS];
    digits(high, c, 0, HIGH_CHARS);
    digits(low, c, HIGH_CHARS, LOW_CHARS);
    return new String(c);
  }

  /**
   * The 3 characters Salesforce appends to a 15-character Id: which of its letters are upper case.
   */
  static String caseChecksum(String id) {
    char[] out = new char[CASE_CHECKSUM_CHARS];
    for (int chunk = 0; chunk < CASE_CHECKSUM_CHARS; chunk++) {
      int bits = 0;
      for (int i = 0; i < CHECKSUM_CHUNK; i++) {
        char ch = id.charAt(chunk * CHECKSUM_CHUNK + i);
        if (ch >= 'A' && ch <= 'Z') {
          bits |= 1 << i;
        }
      }
      out[chunk] = CHECKSUM_ALPHABET.charAt(bits);
    }
    return new String(out);
  }

  /** Whether the Id ends with the case checksum of its first 15 characters. */
  static boolean endsWithCaseChecksum(String id) {
    return id.endsWith(caseChecksum(id));
  }

  private static long number(String id, int from, int to) {
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = DIGITS.indexOf(id.charAt(i));
      if (d < 0) {
        throw new IllegalArgumentException("a record Id is alphanumeric");
      }
      v = v * DIGITS.length() + d;
    }
    return v;
  }

  private static void digits(long v, char[] out, int from, int count) {
    for (int i = from + count - 1; i >= from; i--) {
      out[i] = DIGITS.charAt((int) (v % DIGITS.length()));
      v /= DIGITS.length();
    }
  }

  private static long pow62(int n) {
    long v = 1;
    for (int i = 0; i < n; i++) {
      v *= 62;
    }
    return v;
  }
}
