package io.orgvault.engine.salesforce;

/** Salesforce record Ids: the 15-character case-sensitive form and the 18-character safe form. */
public final class SalesforceIds {
  private static final String SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

  private SalesforceIds() {}

  /** The 18-character form of a 15- or 18-character Id; null when {@code id} is not an Id. */
  public static String to18(String id) {
    if (id == null || (id.length() != 15 && id.length() != 18)) {
      return null;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return null;
      }
    }
    StringBuilder sb = new StringBuilder(18).append(id, 0, 15);
    for (int chunk = 0; chunk < 3; chunk++) {
      int bits = 0;
      for (int i = 0; i < 5; i++) {
        char c = id.charAt(chunk * 5 + i);
        if (c >= 'A' && c <= 'Z') {
          bits |= 1 << i;
        }
      }
      sb.append(SUFFIX.charAt(bits));
    }
    String full = sb.toString();
    if (id.length() == 18 && !full.equalsIgnoreCase(id)) {
      return null; // the suffix does not match the first 15 characters
    }
    return full;
  }
}
