package io.orgvault.engine.store;

/** Checks on object and field API names, which also appear in file contents and messages. */
final class Names {
  static final int MAX_NAME_LENGTH = 255;

  private Names() {}

  static String requireObjectName(String name) {
    return requireApiName("object", name);
  }

  static String requireFieldName(String name) {
    // Checked for every value of every row: names already seen valid are looked up instead (the
    // same String instances come back row after row, so the lookup is an identity check).
    if (name != null && VALID_FIELD_NAMES.contains(name)) {
      return name;
    }
    requireApiName("field", name);
    if (VALID_FIELD_NAMES.size() < MAX_REMEMBERED_NAMES) {
      VALID_FIELD_NAMES.add(name);
    }
    return name;
  }

  /** Field names checked once; bounded so that no input can grow it without limit. */
  private static final java.util.Set<String> VALID_FIELD_NAMES =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final int MAX_REMEMBERED_NAMES = 20_000;

  private static String requireApiName(String what, String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "an " + what + " name is 1 to " + MAX_NAME_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!ok) {
        throw new IllegalArgumentException(
            "an " + what + " API name holds letters, digits and '_' only: " + name);
      }
    }
    return name;
  }
}
