package io.orgvault.simulator.bulk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Query result locators: an opaque string naming the first record of a result set. Like
 * Salesforce's (e.g. {@code MTAwMDA}), it is the Base64 text of the record offset; the end of the
 * results is the string {@code null}.
 */
final class ResultLocator {
  static final String END = "null";

  private ResultLocator() {}

  static String of(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
  }

  /** The offset a locator names, or -1 when it is not one this simulator issued. */
  static int offset(String locator) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(locator), StandardCharsets.US_ASCII);
      if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      long v = Long.parseLong(s);
      return v > Integer.MAX_VALUE ? -1 : (int) v;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
