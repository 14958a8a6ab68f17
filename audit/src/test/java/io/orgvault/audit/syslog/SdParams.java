package io.orgvault.audit.syslog;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one SD-ELEMENT back, undoing RFC 5424's escapes, to compare with what was sent. */
final class SdParams {
  private SdParams() {}

  static Map<String, String> parse(String sd, String expectedId) {
    if (!sd.startsWith("[" + expectedId + " ") || !sd.endsWith("]")) {
      throw new AssertionError("not one " + expectedId + " element: " + sd);
    }
    Map<String, String> out = new LinkedHashMap<>();
    int i = expectedId.length() + 2;
    while (i < sd.length() - 1) {
      int eq = sd.indexOf("=\"", i);
      String name = sd.substring(i, eq);
      StringBuilder v = new StringBuilder();
      int j = eq + 2;
      while (sd.charAt(j) != '"') {
        if (sd.charAt(j) == '\\') {
          j++;
        }
        v.append(sd.charAt(j++));
      }
      out.put(name, v.toString());
      i = j + 1;
      if (sd.charAt(i) == ' ') {
        i++;
      }
    }
    return out;
  }
}
